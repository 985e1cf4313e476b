/**
 * Issue #10 case 6: a treasury 408/409/425/429 was taken as a final failure and the retry
 * used a new idempotency key — a double payment whenever the bank had in fact recorded the
 * order. Now only a definite answer is final: every unknown one leaves the payment open, and
 * reconciliation asks about (and if need be re-sends) the SAME key. Requests are signed and
 * the treasury's callbacks are verified (POST /v1/treasury/callback).
 *
 * Through the real disburse schedule handler (run "as of" later instants) and the real
 * callback handler, against DynamoDB Local and the fake gateway (infra/fakes/treasury.ts).
 */
import { handler as callbackHandler } from '../../../functions/http/treasury-callback/handler';
import { handler as disburseSchedule } from '../../../functions/schedule/disburse/handler';
import { httpTreasury, useTreasury } from '../../../functions/adapters/treasury';
import { signRequest, TIMESTAMP_HEADER } from '../../../functions/adapters/treasury-signature';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { paymentEvents, paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { GrantId } from '../../../shared/ids';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import type { FakeMode, FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { daysAfter, fakeTreasury, PAYEE, T_RUN, uscc } from '../money/support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

const policyId = policyIdOf('hire-local');
const AMOUNT = 100_000;
// long enough that a loaded machine never turns an ordinary answer into a timeout; the held answers wait 3 s
const CLIENT_TIMEOUT_MS = 1_000;
const SECRET = () => process.env.TREASURY_HMAC_SECRET!;
let seq = 0;

/** A grant with an account on file, past 公示 and payable (budget reserved). */
async function payableGrant(): Promise<GrantId> {
  const code = uscc(6000 + ++seq);
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
/** The 15-minute disburse job, as EventBridge would invoke it, run "as of" an instant. */
const disburse = (at: Date) => disburseSchedule({ asOf: at.toISOString() });

/** The treasury's callback, signed as the gateway signs it (or not, or tampered). */
function callback(
  body: unknown,
  o: {
    secret?: string;
    signedBody?: unknown;
    headers?: Record<string, string>;
    unsigned?: boolean;
  } = {},
) {
  const raw = JSON.stringify(body);
  const signedRaw = o.signedBody === undefined ? raw : JSON.stringify(o.signedBody);
  const signed = o.unsigned
    ? {}
    : signRequest(
        o.secret ?? SECRET(),
        { method: 'POST', path: '/v1/treasury/callback', body: signedRaw },
        Date.now(),
      );
  return call(callbackHandler, 'POST /v1/treasury/callback', {
    rawBody: raw,
    headers: { 'content-type': 'application/json', ...signed, ...o.headers },
  });
}

describe('case 6: only a definite treasury answer is final', () => {
  let fake: FakeTreasury;
  const savedOverride = process.env.SCHEDULE_CLOCK_OVERRIDE;

  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on'; // the schedule handler runs "as of" T_PAY and later
    await freshTable();
    await openBudget(policyId, 2020, fen(100 * AMOUNT));
    fake = await fakeTreasury('ok', { timeoutMs: CLIENT_TIMEOUT_MS });
    fake.holdMs = 3_000;
  });
  afterAll(async () => {
    if (savedOverride === undefined) delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    else process.env.SCHEDULE_CLOCK_OVERRIDE = savedOverride;
    useTreasury(undefined);
    await fake.stop();
  });

  /** First run: the answer is unknown; the payment stays open (not failed), the item paying. */
  async function firstRunIsUnknown(id: GrantId, mode: FakeMode) {
    const key = `${id}:1`;
    fake.setModeFor(key, mode);
    const first = await disburse(T_PAY);
    expect(first.started).toEqual({ unknown: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paying', paymentAttempt: 1 });
    expect((await paymentsOfItem(id)).map((p) => [p.idempotencyKey, p.status])).toEqual([
      [key, 'pending'],
    ]);
  }

  /** Then: the item is paid once, by the first key, and the ledger moved the amount once. */
  async function paidOnce(id: GrantId, before: { paidFen: number; reservedFen: number }) {
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    expect((await paymentsOfItem(id)).map((p) => [p.idempotencyKey, p.status])).toEqual([
      [`${id}:1`, 'paid'],
    ]);
    expect(fake.orders.get(`${id}:1`)?.executions).toBe(1);
    expect(fake.orders.has(`${id}:2`)).toBe(false);
    expect(fake.paidFen(id)).toBe(AMOUNT);
    const after = await getBudget(policyId, 2020);
    expect(after!.paidFen - before.paidFen).toBe(AMOUNT);
    expect(after!.reservedFen - before.reservedFen).toBe(-AMOUNT);
  }

  // The bank recorded and paid the order, then answered the code: the classic trap.
  it.each([408, 409, 425, 429, 500, 502, 503, 504, 400, 403])(
    'case 6: a %i from the treasury followed by a retry pays once (the bank had executed the order)',
    async (code) => {
      const id = await payableGrant();
      const before = (await getBudget(policyId, 2020))!;
      await firstRunIsUnknown(id, `http_${code}_executed` as FakeMode);
      expect(fake.orders.get(`${id}:1`)?.executions).toBe(1);
      // the next runs, well past the 15-minute backoff a failed attempt would retry after: the same key is asked about
      const second = await disburse(later(20));
      expect(second.reconciled).toEqual({ paid: 1 });
      expect(second.started).toEqual({});
      expect((await disburse(later(40))).started).toEqual({});
      await paidOnce(id, before);
    },
  );

  // The order never reached the bank's books: reconciliation finds it unknown there and re-sends the SAME key.
  it.each([409, 429, 503])(
    'case 6: a %i from the treasury followed by a retry pays once (the order never reached the bank)',
    async (code) => {
      const id = await payableGrant();
      const before = (await getBudget(policyId, 2020))!;
      await firstRunIsUnknown(id, `http_${code}` as FakeMode);
      expect(fake.orders.has(`${id}:1`)).toBe(false);
      fake.setModeFor(`${id}:1`, 'ok'); // the gateway recovers
      const second = await disburse(later(20));
      expect(second.reconciled).toEqual({ resent: 1 });
      expect(second.started).toEqual({});
      await paidOnce(id, before);
      expect(fake.orders.get(`${id}:1`)).toMatchObject({ received: 1 });
    },
  );

  it.each([
    ['timeout', 'the bank had executed the order'],
    ['timeout_lost', 'the order was lost on the way'],
  ] as const)('case 6: a %s followed by a retry pays once (%s)', async (mode, _what) => {
    const id = await payableGrant();
    const before = (await getBudget(policyId, 2020))!;
    await firstRunIsUnknown(id, mode);
    fake.setModeFor(`${id}:1`, 'ok');
    const second = await disburse(later(20));
    expect(second.reconciled).toEqual(mode === 'timeout' ? { paid: 1 } : { resent: 1 });
    await paidOnce(id, before);
  });

  it('case 6: the status query is classified the same way: a 429 there leaves the payment open, the next check settles it', async () => {
    const id = await payableGrant();
    const before = (await getBudget(policyId, 2020))!;
    await firstRunIsUnknown(id, 'http_409_executed');
    fake.setQueryModeFor(`${id}:1`, 'http_429');
    expect((await disburse(later(20))).reconciled).toEqual({ unknown: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paying', paymentAttempt: 1 });
    fake.setQueryModeFor(`${id}:1`, 'http_503');
    expect((await disburse(later(40))).reconciled).toEqual({ unknown: 1 });
    fake.setQueryModeFor(`${id}:1`, 'ok');
    expect((await disburse(later(60))).reconciled).toEqual({ paid: 1 });
    await paidOnce(id, before);
  });

  it('case 6: a definite refusal (422 naming the order) is final; the retry with a new key pays once', async () => {
    const id = await payableGrant();
    const before = (await getBudget(policyId, 2020))!;
    fake.setModeFor(`${id}:1`, 'refuse');
    expect((await disburse(T_PAY)).started).toEqual({ sent: 1 });
    expect(await getGrant(id)).toMatchObject({
      status: 'payment_failed',
      paymentAttempt: 1,
      paymentFailure: '收款账户已销户',
    });
    expect((await disburse(later(20))).started).toEqual({ sent: 1 });
    expect(await getGrant(id)).toMatchObject({ status: 'paid', paymentAttempt: 2 });
    expect((await paymentsOfItem(id)).map((p) => [p.idempotencyKey, p.status])).toEqual([
      [`${id}:1`, 'failed'],
      [`${id}:2`, 'paid'],
    ]);
    expect(fake.orders.get(`${id}:1`)?.executions).toBe(0);
    expect(fake.paidFen(id)).toBe(AMOUNT);
    expect((await getBudget(policyId, 2020))!.paidFen - before.paidFen).toBe(AMOUNT);
  });

  describe('signatures', () => {
    it('case 6: the adapter signs its orders; one signed with the wrong secret is refused (401), never executed, and paid once when the key is right', async () => {
      const id = await payableGrant();
      const before = (await getBudget(policyId, 2020))!;
      const rejectedBefore = fake.rejected.length;
      useTreasury(
        httpTreasury(fake.url, CLIENT_TIMEOUT_MS, {
          secret: 'a-wrong-secret-a-wrong-secret-a-wrong-secret',
        }),
      );
      try {
        await firstRunIsUnknown(id, 'ok');
      } finally {
        useTreasury(httpTreasury(fake.url, CLIENT_TIMEOUT_MS));
      }
      expect(fake.orders.has(`${id}:1`)).toBe(false);
      expect(fake.rejected.slice(rejectedBefore)).toEqual([
        { method: 'POST', path: '/payments', reason: 'bad_signature' },
      ]);
      expect((await disburse(later(20))).reconciled).toEqual({ resent: 1 });
      expect(fake.rejected).toHaveLength(rejectedBefore + 1); // the status query and the re-sent order were signed right
      await paidOnce(id, before);
    });

    it('case 6: the fake treasury refuses an unsigned or tampered order with 401 and executes nothing', async () => {
      const key = 'grt_unsigned~x~2020:1';
      const body = JSON.stringify({
        idempotencyKey: key,
        amountFen: 100,
        payee: PAYEE,
        reference: 'pay_x',
      });
      const unsigned = await fetch(`${fake.url}/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(unsigned.status).toBe(401);
      const signedForLess = signRequest(
        SECRET(),
        { method: 'POST', path: '/payments', body },
        Date.now(),
      );
      const tampered = await fetch(`${fake.url}/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedForLess },
        body: body.replace('"amountFen":100', '"amountFen":100000000'),
      });
      expect(tampered.status).toBe(401);
      const query = await fetch(`${fake.url}/payments/${encodeURIComponent(key)}`);
      expect(query.status).toBe(401);
      expect(fake.rejected.slice(-3).map((r) => r.reason)).toEqual([
        'missing_signature',
        'bad_signature',
        'missing_signature',
      ]);
      expect(fake.orders.has(key)).toBe(false);
    });
  });

  describe('POST /v1/treasury/callback', () => {
    let id: GrantId;
    let key: string;
    let before: { paidFen: number; reservedFen: number };

    beforeAll(async () => {
      // a payment whose answer never came: the bank executed it, the callback will tell us
      id = await payableGrant();
      key = `${id}:1`;
      before = (await getBudget(policyId, 2020))!;
      await firstRunIsUnknown(id, 'http_504_executed');
    });

    it('case 6: a callback with a tampered body, a wrong, stale or missing signature is 401 and changes nothing', async () => {
      const paid = { idempotencyKey: key, status: 'paid', treasuryRef: 'TR-CB-1' };
      const version = (await getGrant(id)).version;
      const attempts = [
        await callback({ ...paid, status: 'failed', reason: '伪造' }, { signedBody: paid }),
        await callback(paid, { secret: 'a-wrong-secret-a-wrong-secret-a-wrong-secret' }),
        await callback(paid, { unsigned: true }),
        await callback(paid, {
          headers: { [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000) - 3600) },
        }),
      ];
      expect(
        attempts.map((r) => [r.status, r.body.error.code, r.body.error.details.reason]),
      ).toEqual([
        [401, 'UNAUTHENTICATED', 'bad_signature'],
        [401, 'UNAUTHENTICATED', 'bad_signature'],
        [401, 'UNAUTHENTICATED', 'missing_signature'],
        [401, 'UNAUTHENTICATED', 'stale_timestamp'],
      ]);
      expect(await getGrant(id)).toMatchObject({ status: 'paying', version });
      expect((await paymentsOfItem(id)).map((p) => p.status)).toEqual(['pending']);
      expect((await getBudget(policyId, 2020))!.paidFen).toBe(before.paidFen);
    });

    it('case 6: a callback for an unknown key is 404, an ill-formed one 400', async () => {
      const unknown = await callback({ idempotencyKey: 'grt_nobody~x~2020:1', status: 'paid' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({
        code: 'NOT_FOUND',
        details: { reason: 'unknown_key' },
      });
      const notAKey = await callback({ idempotencyKey: 'no-attempt-here', status: 'paid' });
      expect(notAKey.status).toBe(404);
      const otherAttempt = await callback({ idempotencyKey: `${id}:2`, status: 'paid' });
      expect(otherAttempt.status).toBe(404);
      const bad = await callback({ idempotencyKey: key, status: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_INPUT');
      expect((await paymentsOfItem(id)).map((p) => p.status)).toEqual(['pending']);
    });

    it('case 6: a signed callback settles the payment by its key: the item paid, the ledger moved once', async () => {
      const res = await callback({
        idempotencyKey: key,
        status: 'paid',
        treasuryRef: fake.orders.get(key)!.treasuryRef,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ idempotencyKey: key, result: 'paid', status: 'paid' });
      await paidOnce(id, before);
    });

    it('case 6: the same callback again, or a late contradicting one, is 200 and changes nothing', async () => {
      const version = (await getGrant(id)).version;
      const again = await callback({
        idempotencyKey: key,
        status: 'paid',
        treasuryRef: fake.orders.get(key)!.treasuryRef,
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ result: 'unchanged', status: 'paid' });
      // a late contradicting answer for a closed payment changes nothing, but is never dropped:
      // it is recorded on the payment for an operator (issue #10 review: "no trace")
      const late = await callback({
        idempotencyKey: key,
        status: 'returned',
        reason: '收款人账户已销户',
      });
      expect(late.status).toBe(200);
      expect(late.body).toMatchObject({ result: 'unchanged', status: 'paid' });
      expect((await getGrant(id)).version).toBe(version);
      const [payment] = await paymentsOfItem(id);
      expect(payment).toMatchObject({ status: 'paid', lateAnswers: 1 });
      expect((await paymentEvents(payment!.id)).at(-1)).toMatchObject({
        type: 'PaymentLateAnswer',
        from: 'paid',
        to: 'paid',
        reason: expect.stringContaining('收款人账户已销户'),
      });
      // and reconciliation has nothing left to do
      expect((await disburse(later(30))).reconciled).toEqual({});
      await paidOnce(id, before);
    });
  });
});
