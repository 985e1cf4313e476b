/**
 * Issue #17 好差评: once an item is paid or refused its applicant rates it 1–5 with a comment,
 * once per item (a conditional write with the policy's tally in one transaction); admins see
 * count and average per policy and department on the dashboard. Through the real handlers on
 * DynamoDB Local.
 */
import { handler as rateHandler } from '../../../functions/http/rate-service/handler';
import { handler as getApplicationHandler } from '../../../functions/http/get-application/handler';
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { saveApplication } from '../../../functions/repositories/applications';
import { saveGrant } from '../../../functions/repositories/grants';
import { openBudget } from '../../../functions/repositories/ledger';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, SubjectId, UserId } from '../../../shared/ids';
import {
  decide,
  draftApplication,
  submit,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  adminToken,
  applicantToken,
  daysAfter,
  fakeTreasury,
  PAYEE,
  registerSubject,
  T_RUN,
  uscc,
} from './support';

jest.setTimeout(180_000);

const STARTUP = policyIdOf('startup-grant');
const HIRE_LOCAL = policyIdOf('hire-local');
const HRSS_L1 = {
  kind: 'reviewer' as const,
  userId: 'usr_RTL1' as UserId,
  department: 'hrss' as const,
  level: 1 as const,
};

/** An application of the subject in level-1 review; `reject` refuses it there. */
async function application(n: number, subjectId: SubjectId, reject: boolean) {
  const applicant = { kind: 'applicant' as const, userId: `usr_RT${n}` as UserId, subjectId };
  const now = instantOf(T_RUN);
  const d = draftApplication(
    {
      id: `app_RT${n}` as ApplicationId,
      policyId: n === 1 ? STARTUP : HIRE_LOCAL,
      policyVersion: 1,
      subjectId,
      department: 'hrss',
      terms: {
        capFen: fen(500_000),
        reviewLevels: 2,
        publicityDays: 5,
        supplementDays: 10,
        materials: [],
      },
    },
    applicant,
    now,
  );
  const s = submit(d.next, {}, applicant, now);
  const events: ApplicationEvent[] = [...d.events, ...s.events];
  if (!reject) {
    await saveApplication(s.next, events, 'new');
    return s.next.id;
  }
  const r = decide(s.next, { kind: 'reject', reason: '不符合首次创业条件' }, HRSS_L1, now);
  await saveApplication(r.next, [...events, ...r.events], 'new');
  return r.next.id;
}

describe('好差评', () => {
  let fake: FakeTreasury;
  let admin: string;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await freshTable();
    await openBudget(HIRE_LOCAL, 2020, fen(10_000_000));
    fake = await fakeTreasury('ok');
    admin = await adminToken();
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });

  it('rates a refused application once; not before it ends, not twice, not someone else’s', async () => {
    const code = uscc(1, 'RT');
    const { token, subjectId } = await applicantToken(code);
    const stranger = (await applicantToken(uscc(9, 'RT'))).token;
    const open = await application(2, subjectId, false);
    const refused = await application(1, subjectId, true);
    const rateIt = (id: string, body: Record<string, unknown>, as = token) =>
      call(rateHandler, 'POST /v1/ratings', {
        token: as,
        body: { kind: 'application', id, ...body },
      });

    const tooEarly = await rateIt(open, { stars: 5 });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error).toMatchObject({
      code: 'WRONG_STATE',
      details: { reason: 'NOT_RATEABLE_YET' },
    });
    expect((await rateIt(refused, { stars: 6 })).status).toBe(400);
    expect((await rateIt(refused, { stars: 5 }, stranger)).status).toBe(404);
    expect((await rateIt('app_NOSUCHTHING', { stars: 5 })).status).toBe(404);

    const first = await rateIt(refused, { stars: 3, comment: '  理由说得清楚，但等了很久  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'application',
      itemId: refused,
      stars: 3,
      starsLabel: '基本满意',
      comment: '理由说得清楚，但等了很久',
    });
    // the same tap again is the same rating; a different one is refused
    const again = await rateIt(refused, { stars: 3, comment: '理由说得清楚，但等了很久' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const changed = await rateIt(refused, { stars: 1 });
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({
      code: 'DUPLICATE',
      details: { reason: 'ALREADY_RATED' },
    });

    const detail = await call(getApplicationHandler, 'GET /v1/applications/{id}', {
      token,
      params: { id: refused },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.rating).toMatchObject({ stars: 3, starsLabel: '基本满意' });
    // the short 办件编号 and the stepper ride along (issue #17)
    expect(detail.body.displayCode).toMatch(/^\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(
      detail.body.steps.map((x: { key: string; state: string }) => `${x.key}:${x.state}`),
    ).toEqual(['submit:done', 'review:done', 'publicity:skipped', 'payment:skipped']);
  });

  it('rates a paid 免申即享 grant, and admins see count and average per policy and department', async () => {
    const code = uscc(2, 'RT');
    await registerSubject(code);
    const { token, subjectId } = await applicantToken(code);
    const t = detectGrant(
      {
        policyId: HIRE_LOCAL,
        policyVersion: 1,
        subjectId,
        period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
        department: 'hrss',
        amountFen: fen(100_000),
        capFen: fen(15_000_000),
        publicityDays: 5,
        payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
    const rateGrant = () =>
      call(rateHandler, 'POST /v1/ratings', {
        token,
        body: { kind: 'grant', id: t.next.id, stars: 5, comment: '没申请就到账了' },
      });
    expect((await rateGrant()).status).toBe(409); // in 公示: not yet
    expect(await closeGrantPublicity(t.next.id, instantOf(daysAfter(T_RUN, 6)))).toBe('payable');
    await disburseJob({ asOf: daysAfter(T_RUN, 7).toISOString() });
    const rated = await rateGrant();
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ kind: 'grant', stars: 5, starsLabel: '非常满意' });
    // the 免申即享 page shows the rating given (not the form again), as 办件详情 does
    const grants = await call(listGrantsHandler, 'GET /v1/grants', { token });
    expect(grants.status).toBe(200);
    expect(grants.body.items).toEqual([
      expect.objectContaining({
        id: t.next.id,
        status: 'paid',
        rating: expect.objectContaining({ stars: 5, comment: '没申请就到账了' }),
      }),
    ]);

    const applicantStats = await call(statsHandler, 'GET /v1/admin/stats', { token });
    expect(applicantStats.status).toBe(403);
    const stats = await call(statsHandler, 'GET /v1/admin/stats', { token: admin });
    expect(stats.status).toBe(200);
    // the first test's refused startup-grant application (3 stars) and this grant (5 stars)
    expect(stats.body.ratings.byPolicy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ policyId: 'hire-local', count: 1, average: 5 }),
        expect.objectContaining({ policyId: 'startup-grant', count: 1, average: 3 }),
      ]),
    );
    expect(stats.body.ratings.byDepartment).toEqual([
      { department: 'hrss', departmentLabel: '人社局', count: 2, average: 4 },
    ]);
  });
});
