/**
 * Issue 14 (SLA watch is read): the flags the daily SLA watch writes show in the department's
 * review queue (超期 tag, overdue first, the day's count), on the dashboard per department, and
 * as one digest notice per day to each of the department's level-2 reviewers — in their message
 * centre, delivered by the sender, never twice for the same day.
 */
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { signSession } from '../../support/session';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as adminStats } from '../../../functions/http/admin-stats/handler';
import { handler as myNotices } from '../../../functions/http/list-my-notices/handler';
import { handler as readNotice } from '../../../functions/http/read-notice/handler';
import { saveApplication } from '../../../functions/repositories/applications';
import { findNotice, pendingNotices } from '../../../functions/repositories/outbox';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { putUser } from '../../../functions/repositories/users';
import { watchSla } from '../../../functions/services/sla-watch';
import { sweepNotices } from '../../../functions/services/notice-sender';
import { now as clockNow } from '../../../functions/_lib/clock';
import { policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, UserId } from '../../../shared/ids';
import {
  draftApplication,
  submit,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { fen } from '../../../shared/money';
import type { User } from '../../../shared/user';
import { startFakeWeChatServer, type FakeWeChatServer } from '../../../infra/fakes/wechat';
import { senderDeps } from './support';

const T = clockNow();
const daysBefore = (days: number) => new Date(T.getTime() - days * 86_400_000);

/** A finance application submitted `daysAgo` calendar days before today, waiting for review. */
async function waiting(n: number, daysAgo: number) {
  const subjectId = subjectIdOf(`91620702MA7SLA${String(n).padStart(4, '0')}`);
  const applicant = { kind: 'applicant' as const, userId: `usr_SLA${n}` as UserId, subjectId };
  const at = instantOf(daysBefore(daysAgo));
  const d = draftApplication(
    {
      id: `app_SLA${n}` as ApplicationId,
      policyId: policyIdOf('hire-local'),
      policyVersion: 1,
      subjectId,
      department: 'finance',
      terms: {
        capFen: fen(20_000_000),
        reviewLevels: 1,
        publicityDays: 5,
        supplementDays: 10,
        materials: [{ code: 'roster', name: '花名册', optional: false }],
      },
      materials: [{ code: 'roster', uploadKey: 'up/roster' }],
    },
    applicant,
    at,
  );
  const s = submit(d.next, {}, applicant, at);
  const events: ApplicationEvent[] = [...d.events, ...s.events];
  await saveApplication(s.next, events, 'new');
  return s.next;
}

const reviewer = (id: string, department: 'finance' | 'hrss', level: 1 | 2): User => ({
  id: id as UserId,
  name: `${department} L${String(level)}`,
  role: 'reviewer',
  department,
  level,
});

let fake: FakeWeChatServer;
beforeAll(async () => {
  await freshTable();
  fake = await startFakeWeChatServer();
  // the demo staff are stored like the seed stores them; one more level-2 reviewer in another bureau
  for (const u of [
    reviewer('usr_slafin1', 'finance', 1),
    reviewer('usr_slafin2', 'finance', 2),
    reviewer('usr_slahr2', 'hrss', 2),
  ])
    await putUser(u, { dev: true });
});
afterAll(() => fake.stop());

describe('SLA watch is read', () => {
  it('tags and sorts overdue reviews in the queue, counts them per department, and sends the level-2 reviewer one digest a day', async () => {
    const fresh = await waiting(2, 1);
    const late = await waiting(1, 40);
    const result = await watchSla({ now: T });
    expect(result).toMatchObject({ overdue: 1, digests: 1 });

    // the queue: the overdue review first, tagged, with the day's count
    const l2 = await signSession(
      { kind: 'reviewer', userId: 'usr_slafin2' as UserId, department: 'finance', level: 2 },
      new Date(),
    );
    const q = await call(queue, 'GET /v1/review/queue', { token: l2.token });
    expect(q.status).toBe(200);
    expect(q.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
      late.id,
      fresh.id,
    ]);
    expect(q.body.items[0]).toMatchObject({ overdue: true });
    expect(q.body.items[1]).toMatchObject({ overdue: false });
    expect(q.body.overdueToday).toEqual({ day: result.day, count: 1 });

    // the dashboard per department
    const admin = await signSession({ kind: 'admin', userId: 'usr_slaadm' as UserId }, new Date());
    const stats = await call(adminStats, 'GET /v1/admin/stats', { token: admin.token });
    expect(stats.status).toBe(200);
    const finance = stats.body.departments.find(
      (d: { department: string }) => d.department === 'finance',
    );
    expect(finance).toMatchObject({ label: expect.any(String), overdueReviews: 1 });

    // one digest, for the finance level-2 reviewer only; a rerun the same day writes none
    const digests = () =>
      pendingNotices(200).then((ns) => ns.filter((n) => n.aggregate.kind === 'sla_digest'));
    expect((await digests()).map((n) => n.recipient)).toEqual(['user:usr_slafin2']);
    expect((await watchSla({ now: T })).digests).toBe(0);
    expect(await digests()).toHaveLength(1);

    // in the reviewer's message centre, unread, then read
    const inbox = await call(myNotices, 'GET /v1/me/notices', { token: l2.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'sla_digest',
      status: '超期提醒',
      text: expect.stringMatching(/1 件审核已超期/),
      read: false,
    });
    const id = inbox.body.items[0].id as string;
    // the sender delivers it (no WeChat consent: the message centre is its channel)
    expect((await sweepNotices(senderDeps(fake))).sent).toBeGreaterThanOrEqual(1);
    expect(await findNotice(id)).toMatchObject({ status: 'sent', sentChannel: 'inbox' });
    const read = await call(readNotice, 'POST /v1/me/notices/{id}/read', {
      token: l2.token,
      params: { id },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ unread: 0, notice: { id, read: true } });

    // the level-1 reviewer of the same bureau has no digest
    const l1 = await signSession(
      { kind: 'reviewer', userId: 'usr_slafin1' as UserId, department: 'finance', level: 1 },
      new Date(),
    );
    const none = await call(myNotices, 'GET /v1/me/notices', { token: l1.token });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ items: [], unread: 0 });
  });
});
