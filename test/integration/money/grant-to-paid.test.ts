/**
 * One grant all the way: detected → confirm account (HTTP, masked) → 公示 → payable
 * (budget reserved) → paying → paid (treasury fake) — and a second disburse paying nothing.
 */

import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as listPaymentsHandler } from '../../../functions/http/list-payments/handler';
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { handler as disburseSchedule } from '../../../functions/schedule/disburse/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { getGrant, grantTimeline } from '../../../functions/repositories/grants';
import { getBudget } from '../../../functions/repositories/ledger';
import { pendingNotices } from '../../../functions/repositories/outbox';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue } from '../../../functions/services/disburse';
import { policyIdOf } from '../../../shared/auto-grant';
import type { GrantId } from '../../../shared/ids';
import { call } from '../../support/http';
import { now as clockNow } from '../../../functions/_lib/clock';
import { freshTable } from '../../support/table';
import { countersCaughtUp } from '../../support/counters';
import {
  adminToken,
  applicantToken,
  AS_OF,
  daysAfter,
  enterpriseFacts,
  fakeTreasury,
  registerSubject,
  T_RUN,
  uscc,
} from './support';
import { payeeOnFile } from '../../../functions/repositories/grants';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import type { FakeTreasury } from '../../../infra/fakes/treasury';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

describe('a 免申即享 grant from detection to paid', () => {
  const code = uscc(9001);
  let fake: FakeTreasury;
  let token: string;
  let grantId: GrantId;
  const hireLocal = policyIdOf('hire-local');

  beforeAll(async () => {
    await freshTable({ stream: true }); // read from its stream
    fake = await fakeTreasury('ok');
    await putFacts(enterpriseFacts(code, 'twelve'));
    await registerSubject(code, '示例商贸有限公司');
    const run = await startRun(
      { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 2 },
      { now: T_RUN },
    );
    await processRun(run.id, { now: T_RUN });
    token = (await applicantToken(code)).token;
    const list = await call(listGrantsHandler, 'GET /v1/grants', { token });
    grantId = list.body.items[0].id;
  });
  afterAll(() => fake.stop());

  it('confirming the account starts 公示 and never echoes the number', async () => {
    const bad = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: grantId },
      body: { accountName: '示例', bankName: '甘肃银行', accountNumber: '12ab' },
    });
    expect(bad.status).toBe(400);
    // issue #10 review: an account in another name is refused here as when applying, and nothing goes on file
    const otherName = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: grantId },
      body: { accountName: '张三', bankName: '甘肃银行', accountNumber: '1234567890' },
    });
    expect(otherName.status).toBe(400);
    expect(otherName.body.error.details.reason).toBe('ACCOUNT_NAME_MISMATCH');
    expect(await payeeOnFile(subjectIdOf(code))).toBeUndefined();
    const other = await applicantToken(uscc(9002));
    const foreign = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token: other.token,
      params: { id: grantId },
      body: { accountName: '示例', bankName: '甘肃银行', accountNumber: '6222000011112222' },
    });
    expect(foreign.status).toBe(404);
    const res = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: grantId },
      headers: { 'idempotency-key': 'confirm-0001' },
      body: {
        accountName: '示例商贸有限公司',
        bankName: '甘肃银行高台支行',
        accountNumber: '6222 0000 1111 2222',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'publicity', accountMasked: '****2222' });
    expect(JSON.stringify(res.body)).not.toContain('6222000011112222');
    // the same tap again (same key) answers the same, changes nothing
    const replay = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: grantId },
      headers: { 'idempotency-key': 'confirm-0001' },
      body: {
        accountName: '示例商贸有限公司',
        bankName: '甘肃银行高台支行',
        accountNumber: '6222 0000 1111 2222',
      },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(res.body);
    expect((await getGrant(grantId)).version).toBe(2);
    const notices = await pendingNotices();
    expect(notices.map((n) => n.notice.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('确认收款账户'),
        expect.stringContaining('开始公示'),
      ]),
    );
  });

  it('公示 closes only after its days, reserving the amount in the ledger', async () => {
    const confirmedAt = clockNow();
    expect((await closePublicityDue({ now: daysAfter(confirmedAt, 1) })).grants).toEqual({});
    const closed = await closePublicityDue({ now: daysAfter(confirmedAt, 6) });
    expect(closed.grants).toEqual({ payable: 1 });
    expect((await getGrant(grantId)).status).toBe('payable');
    expect(await getBudget(hireLocal, 2020)).toMatchObject({
      totalFen: 500_000_000,
      reservedFen: 400_000,
      paidFen: 0,
      remainingFen: 500_000_000 - 400_000,
    });
  });

  it('the disburse schedule pays it once; a second run pays nothing', async () => {
    const first = await disburseDue({ now: daysAfter(clockNow(), 7) });
    expect(first.started).toEqual({ sent: 1 });
    expect(await getGrant(grantId)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    const second = await disburseDue({ now: daysAfter(clockNow(), 8) });
    expect(second.started).toEqual({});
    const scheduled = await disburseSchedule();
    expect(scheduled.started).toEqual({});
    const payments = await paymentsOfItem(grantId);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      status: 'paid',
      amountFen: 400_000,
      idempotencyKey: `${grantId}:1`,
    });
    expect(fake.paidFen()).toBe(400_000);
    expect(await getBudget(hireLocal, 2020)).toMatchObject({
      reservedFen: 0,
      paidFen: 400_000,
      remainingFen: 500_000_000 - 400_000,
    });
    const types = (await grantTimeline(grantId)).map((e) => e.type);
    expect(types).toEqual([
      'GrantDetected',
      'ConfirmationRequested',
      'GrantConfirmed',
      'PublicityStarted',
      'PublicityClosed',
      'PaymentRequested',
      'PaymentSettled',
    ]);
  });

  it('payments are listed for the applicant (own) and the admin (all), masked', async () => {
    const mine = await call(listPaymentsHandler, 'GET /v1/payments', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        itemId: grantId,
        status: 'paid',
        amountFen: 400_000,
        accountMasked: '****2222',
        itemKind: 'grant',
      }),
    ]);
    const stranger = await applicantToken(uscc(9003));
    expect(
      (await call(listPaymentsHandler, 'GET /v1/payments', { token: stranger.token })).body.items,
    ).toEqual([]);
    const admin = await adminToken();
    const all = await call(listPaymentsHandler, 'GET /v1/payments', {
      token: admin,
      query: { status: 'paid' },
    });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(1);
    expect(JSON.stringify(all.body)).not.toContain('6222000011112222');
  });

  it('admin stats count it as applied, approved and paid', async () => {
    const admin = await adminToken();
    await countersCaughtUp(); // the counters are the stream's (issue #16)
    const res = await call(statsHandler, 'GET /v1/admin/stats', { token: admin });
    expect(res.status).toBe(200);
    const hire = res.body.items.find((s: { policyId: string }) => s.policyId === 'hire-local');
    expect(hire).toMatchObject({
      applied: 1,
      approved: 1,
      paid: 1,
      completionRateBp: 10_000,
      paidFen: 400_000,
      overdue: 0,
    });
    expect((await call(statsHandler, 'GET /v1/admin/stats', { token })).status).toBe(403);
  });
});
