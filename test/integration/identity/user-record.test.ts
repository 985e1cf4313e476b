/**
 * Issue 12, sessions: a token is a session only while its user is stored. A correctly signed
 * token for a user id with no record (signed with the secret but not by our login, or for a
 * table since reset) used to pass the session check on every route that does not load the
 * user itself; it is refused with 401 TOKEN_INVALID, and the same token works once the user
 * exists.
 */
import { call } from '../../support/http';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as listStaff } from '../../../functions/http/list-staff/handler';
import { signSession } from '../../../functions/_lib/session';
import { putUser } from '../../../functions/repositories/users';
import type { UserId } from '../../../shared/ids';
import { demoCounty } from '../apply/setup';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { DEMO_CODES } from '../../../infra/local/demo-data';

// seeding the demo county takes seconds on a loaded machine
beforeAll(async () => {
  await demoCounty();
}, 60_000);

describe('a token whose user has no stored record', () => {
  it('is refused on routes that do not load the user (applicant, reviewer, admin)', async () => {
    const subjectId = subjectIdOf(DEMO_CODES.trading);
    const ghosts = [
      {
        route: 'GET /v1/applications',
        handler: listApplications,
        actor: { kind: 'applicant' as const, userId: 'usr_ghost00001' as UserId, subjectId },
      },
      {
        route: 'GET /v1/review/queue',
        handler: queue,
        actor: {
          kind: 'reviewer' as const,
          userId: 'usr_ghost00002' as UserId,
          department: 'hrss' as const,
          level: 1 as const,
        },
      },
      {
        route: 'GET /v1/admin/staff',
        handler: listStaff,
        actor: { kind: 'admin' as const, userId: 'usr_ghost00003' as UserId },
      },
    ];
    for (const g of ghosts) {
      const { token } = await signSession(g.actor, new Date());
      const res = await call(g.handler, g.route, { token });
      expect([g.route, res.status]).toEqual([g.route, 401]);
      expect(res.body).toMatchObject({
        error: { code: 'UNAUTHENTICATED', details: { reason: 'TOKEN_INVALID' } },
      });
    }
  });

  it('works once the user is stored', async () => {
    const userId = 'usr_ghost00004' as UserId;
    const { token } = await signSession({ kind: 'admin', userId }, new Date());
    expect((await call(listStaff, 'GET /v1/admin/staff', { token })).status).toBe(401);
    await putUser({ id: userId, name: '新管理员', role: 'admin' });
    expect((await call(listStaff, 'GET /v1/admin/staff', { token })).status).toBe(200);
  });
});
