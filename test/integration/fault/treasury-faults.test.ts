/**
 * The treasury gateway misbehaves; nobody is paid twice (DESIGN §5, STYLE §7 "disburse
 * twice → one Payment"). Modes of infra/fakes/treasury.ts: fail, timeout (the bank pays
 * but the answer never arrives), twice (duplicate callbacks), return_later (退票), and
 * concurrent disburse runs. The HTTP answers that say nothing final (408/409/425/429/5xx)
 * are issue #10 case 6: test/integration/money-integrity/case-06-treasury.test.ts.
 *
 * The gateway's (signed) callbacks go to the real POST /v1/treasury/callback handler.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { confirmGrant } from '../../../functions/services/grants';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import {
  applyTreasuryAnswer,
  disburseDue,
  reconcile,
  startPayment,
} from '../../../functions/services/disburse';
import { handler as callbackHandler } from '../../../functions/http/treasury-callback/handler';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { GrantId, UserId } from '../../../shared/ids';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import type { TreasuryOutcome } from '../../../shared/payment';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { daysAfter, fakeTreasury, PAYEE, registerSubject, T_RUN, uscc } from '../money/support';
import { noGuard } from '../../../functions/services/idempotency';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

const policyId = policyIdOf('hire-local');
const AMOUNT = 100_000;
let seq = 0;

/** A grant with an account on file, past 公示 and payable (budget reserved). */
async function payableGrant(): Promise<GrantId> {
  const code = uscc(8000 + ++seq);
  await registerSubject(code);
  const t = detectGrant(
    {
      policyId,
      policyVersion: 1,
      subjectId: subjectIdOf(code),
      period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
      department: 'finance',
      amountFen: fen(AMOUNT),
      capFen: fen(20_000_000),
      publicityDays: 5,
      payee: PAYEE,
    },
    { kind: 'system', job: 'auto-grant' },
    instantOf(T_RUN),
  );
  await saveGrant(t.next, t.events, 'new');
  expect(await closeGrantPublicity(t.next.id, instantOf(daysAfter(T_RUN, 6)))).toBe('payable');
  return t.next.id;
}

const T_PAY = daysAfter(T_RUN, 7);
const later = (minutes: number) => new Date(T_PAY.getTime() + minutes * 60_000);

describe('treasury faults never pay twice', () => {
  let fake: FakeTreasury;
  let callbacks: Server;
  let callbackUrl: string;
  const received: TreasuryOutcome[] = [];
  const statuses: number[] = [];

  beforeAll(async () => {
    await freshTable();
    await openBudget(policyId, 2020, fen(100 * AMOUNT));
    // a tiny receiver for the gateway's (duplicate) callbacks: each is applied as it arrives
    callbacks = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a failed callback shows in the statuses the test asserts
      req.on('end', async () => {
        const body = JSON.parse(text) as TreasuryOutcome & { idempotencyKey: string };
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
        );
        const answered = await call(callbackHandler, 'POST /v1/treasury/callback', {
          rawBody: text,
          headers,
        });
        statuses.push(answered.status);
        received.push(body);
        res.writeHead(answered.status).end(JSON.stringify(answered.body));
      });
    });
    await new Promise<void>((r) => callbacks.listen(0, '127.0.0.1', r));
    callbackUrl = `http://127.0.0.1:${(callbacks.address() as AddressInfo).port}/v1/treasury/callback`;
    fake = await fakeTreasury('ok', { callbackUrl, timeoutMs: 300 });
  });
  afterAll(async () => {
    await fake.stop();
    callbacks.closeAllConnections();
    await new Promise((r) => callbacks.close(r));
  });

  it('fail: the payment closes as failed, the item is retried after its backoff with a new key, then paid', async () => {
    const id = await payableGrant();
    fake.setModeFor(`${id}:1`, 'fail');
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('sent');
    expect(await getGrant(id)).toMatchObject({
      status: 'payment_failed',
      paymentAttempt: 1,
      paymentFailure: '收款账户状态异常',
    });
    expect((await disburseDue({ now: later(5) })).started).toEqual({}); // backoff: not yet
    expect((await disburseDue({ now: later(20) })).started).toEqual({ sent: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 2 });
    expect((await paymentsOfItem(id)).map((p) => [p.idempotencyKey, p.status])).toEqual([
      [`${id}:1`, 'failed'],
      [`${id}:2`, 'paid'],
    ]);
    expect(fake.paidFen(id)).toBe(AMOUNT);
  });

  it('timeout: the bank paid but never answered; reruns do not resend a new order, reconciliation closes it as paid', async () => {
    const id = await payableGrant();
    fake.setModeFor(`${id}:1`, 'timeout');
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('unknown');
    expect(await getGrant(id)).toMatchObject({ status: 'paying' });
    // a rerun of disburse right away: the item is paying, the open payment not yet due → nothing sent
    expect((await disburseDue({ now: T_PAY })).started).toEqual({});
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('not_payable');
    const rec = await reconcile({ now: later(3) });
    expect(rec).toEqual({ paid: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    expect(await paymentsOfItem(id)).toHaveLength(1);
    expect(fake.orders.get(`${id}:1`)?.executions).toBe(1);
    expect(fake.paidFen(id)).toBe(AMOUNT);
  });

  it('unavailable, then a crash before sending: reconciliation sends the SAME order once the gateway is back', async () => {
    const id = await payableGrant();
    fake.setModeFor(`${id}:1`, 'unavailable');
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('unknown');
    expect(fake.orders.has(`${id}:1`)).toBe(false);
    fake.setModeFor(`${id}:1`, 'ok');
    expect(await reconcile({ now: later(3) })).toEqual({ resent: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    expect(fake.orders.get(`${id}:1`)).toMatchObject({ received: 1, executions: 1 });
  });

  it('twice: duplicate callbacks and the direct answer all apply once', async () => {
    const id = await payableGrant();
    fake.setModeFor(`${id}:1`, 'twice');
    const before = await getBudget(policyId, 2020);
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('sent');
    for (
      let i = 0;
      i < 50 &&
      received.filter((r) => (r as { idempotencyKey?: string }).idempotencyKey === `${id}:1`)
        .length < 2;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(
      received.filter((r) => (r as { idempotencyKey?: string }).idempotencyKey === `${id}:1`),
    ).toHaveLength(2);
    // both signed, verified and answered 200 by the real route; the direct answer and the callbacks settle once
    expect(statuses.slice(-2)).toEqual([200, 200]);
    // and a third, late copy
    const [p] = await paymentsOfItem(id);
    expect(await applyTreasuryAnswer(p!.id, { status: 'paid' }, { now: later(10) })).toBe(
      'unchanged',
    );
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    const after = await getBudget(policyId, 2020);
    expect(after!.paidFen - before!.paidFen).toBe(AMOUNT);
    expect(after!.reservedFen - before!.reservedFen).toBe(-AMOUNT);
  });

  it('ten copies of the same answer at once (callbacks racing the direct answer) settle once, none refused', async () => {
    const id = await payableGrant();
    fake.setModeFor(`${id}:1`, 'timeout'); // the bank pays, its answer is late: the copies below settle it
    const before = await getBudget(policyId, 2020);
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('unknown');
    const [p] = await paymentsOfItem(id);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        applyTreasuryAnswer(p!.id, { status: 'paid' }, { now: later(1) }),
      ),
    );
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(9);
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    const after = await getBudget(policyId, 2020);
    expect(after!.paidFen - before!.paidFen).toBe(AMOUNT);
    expect(fake.paidFen(id)).toBe(AMOUNT);
  });

  it('return later (退票): closed as returned, the subject corrects the account, 补发 pays attempt 2', async () => {
    const id = await payableGrant();
    const g = await getGrant(id);
    fake.setModeFor(`${id}:1`, 'return_later');
    expect(await startPayment('grant', id, { now: T_PAY })).toBe('sent');
    expect(await getGrant(id)).toMatchObject({ status: 'paying' });
    expect(await reconcile({ now: later(3) })).toEqual({ returned: 1 });
    expect(await getGrant(id)).toMatchObject({
      status: 'returned',
      paymentFailure: expect.stringContaining('退票'),
    });
    // a late "paid" for the returned order is ignored
    const [p1] = await paymentsOfItem(id);
    expect(await applyTreasuryAnswer(p1!.id, { status: 'paid' }, { now: later(4) })).toBe(
      'unchanged',
    );
    const applicant = {
      kind: 'applicant' as const,
      userId: 'usr_X1' as UserId,
      subjectId: g.subjectId,
    };
    const corrected = await confirmGrant(
      applicant,
      id,
      { ...PAYEE, accountNumber: '6222000033334444' },
      noGuard,
      later(5),
    );
    expect(corrected.id).toBe(id);
    expect((await disburseDue({ now: later(6) })).started).toEqual({ sent: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 2 });
    const payments = await paymentsOfItem(id);
    expect(payments.map((p) => [p.attempt, p.status, p.payee.accountNumber.slice(-4)])).toEqual([
      [1, 'returned', '2222'],
      [2, 'paid', '4444'],
    ]);
    expect(fake.paidFen(id)).toBe(AMOUNT);
  });

  it('two disburse runs at once: one payment per item', async () => {
    const ids = await Promise.all([payableGrant(), payableGrant(), payableGrant(), payableGrant()]);
    const [a, b] = await Promise.all([
      disburseDue({ now: T_PAY, concurrency: 4 }),
      disburseDue({ now: T_PAY, concurrency: 4 }),
    ]);
    expect((a.started.sent ?? 0) + (b.started.sent ?? 0)).toBe(4);
    for (const id of ids) {
      expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
      expect(await paymentsOfItem(id)).toHaveLength(1);
      expect(fake.paidFen(id)).toBe(AMOUNT);
    }
  });

  it('the ledger reconciles to the fen with what left the bank', async () => {
    const budget = await getBudget(policyId, 2020);
    expect(budget!.paidFen).toBe(fake.paidFen());
    expect(budget!.totalFen).toBe(budget!.remainingFen + budget!.reservedFen + budget!.paidFen);
  });
});
