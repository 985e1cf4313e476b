/**
 * Issue #16 (county scale): the disburse job paid at most 500 items a run, one run every 15
 * minutes, so a county's ~33,000 grants took ~17 hours; and closePublicityDue held every grant
 * id in 公示 in memory before closing any. Now one disburse run drains what is due until its
 * time is up (the Lambda's remaining time minus a margin), and the next run goes on where it
 * stopped; 公示 closes page by page, so a crash half-way leaves the closed pages closed and a
 * rerun finds the rest.
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SAFETY_MS } from '../../../functions/_lib/schedule';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { db } from '../../../functions/repositories/table';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue, reconcile } from '../../../functions/services/disburse';
import { treasury as httpTreasury, type Treasury } from '../../../functions/adapters/treasury';
import { mapLimit } from '../../../functions/services/retry';
import type { Grant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { freshTable } from '../../support/table';
import { AMOUNT, detectedGrant, policyId } from './payables-support';
import { daysAfter, fakeTreasury, T_RUN, uscc } from './support';

// 510 grants through 公示 and payment on DynamoDB Local, on 2 shared cores
jest.setTimeout(300_000);

const iso = (d: Date) => d.toISOString();
const CLOSE_AT = daysAfter(T_RUN, 6);
const PAY_AT = daysAfter(T_RUN, 7);

/** `n` grants in 公示 (ending 5 days after T_RUN), each of its own subject, saved as the run saves them. */
async function grantsInPublicity(n: number, tag: string): Promise<Grant[]> {
  const template = detectedGrant(1).next;
  const grants = Array.from({ length: n }, (_, i): Grant => ({
    ...template,
    id: `grant_${tag}${String(i).padStart(5, '0')}` as Grant['id'],
    subjectId: subjectIdOf(uscc(40_000 + i)),
  }));
  await mapLimit(grants, 16, (g) => saveGrant(g, [], 'new'));
  return grants;
}

/** A rerun of 公示 closing closes the `rest` still due: every grant payable, each reserved once. */
async function expectRestClosed(grants: readonly Grant[], rest: number): Promise<void> {
  expect(await closePublicityDue({ now: CLOSE_AT, pageSize: 8 })).toEqual({
    grants: { payable: rest },
    applications: {},
    drained: true,
  });
  const after = await mapLimit(grants, 16, async (g) => await getGrant(g.id));
  expect(after.filter((g) => g.status !== 'payable')).toEqual([]);
  expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: grants.length * AMOUNT });
}

/** Every grant paid by exactly one payment and one executed order; the ledger moved once each. */
async function expectPaidOnce(fake: FakeTreasury, grants: readonly Grant[]): Promise<void> {
  const seen = await mapLimit(grants, 16, async (g) => ({
    status: (await getGrant(g.id)).status,
    payments: (await paymentsOfItem(g.id)).map((p) => p.status),
  }));
  expect(seen.filter((s) => s.status !== 'paid')).toEqual([]);
  expect(seen.filter((s) => s.payments.length !== 1 || s.payments[0] !== 'paid')).toEqual([]);
  const orders = [...fake.orders.values()];
  expect(orders).toHaveLength(grants.length);
  expect(orders.filter((o) => o.executions !== 1)).toEqual([]);
  expect(fake.paidFen()).toBe(grants.length * AMOUNT);
  expect(await getBudget(policyId, 2020)).toMatchObject({
    reservedFen: 0,
    paidFen: grants.length * AMOUNT,
  });
}

describe('#16: disburse drains what is due within the run; 公示 closes page by page', () => {
  let fake: FakeTreasury;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on'; // run the jobs "as of" after the 公示 ends
    // the gateway's real timeout (5 s): on a loaded machine 400 ms would turn payments into 'unknown'
    fake = await fakeTreasury('ok', { timeoutMs: 5_000 });
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });
  beforeEach(async () => {
    await freshTable();
    fake.orders.clear();
    await openBudget(policyId, 2020, fen(10_000 * AMOUNT));
  });

  it('#16: 510 due grants (more than the old 500 a run) → ONE disburse run with time to spare pays them all, each once', async () => {
    const grants = await grantsInPublicity(510, 'DRAIN');
    expect((await closePublicityDue({ now: CLOSE_AT })).grants).toEqual({ payable: 510 });

    const started = Date.now();
    // the real schedule handler, as Lambda calls it: 5 minutes left
    const run = await disburseJob(
      { asOf: iso(PAY_AT) },
      { getRemainingTimeInMillis: () => 5 * 60_000 },
    );
    const ms = Date.now() - started;
    expect(run).toMatchObject({ started: { sent: 510 }, examined: 510, drained: true });
    expect(run.started).toEqual({ sent: 510 });
    await expectPaidOnce(fake, grants);
    // nothing left: the next run looks at nothing and pays nothing more
    expect(await disburseJob({ asOf: iso(daysAfter(PAY_AT, 1)) })).toMatchObject({
      started: {},
      examined: 0,
      drained: true,
    });
    expect(fake.orders.size).toBe(510);
    console.log(
      `#16 drain: 510 payments into the fake treasury in ${String(ms)} ms = ${((510 * 1000) / ms).toFixed(1)} payments/s (concurrency 16)`,
    );
  });

  it('#16: a deadline already near → the run starts nothing and stops cleanly; the next run pays everything, once', async () => {
    const grants = await grantsInPublicity(30, 'NEAR');
    await closePublicityDue({ now: CLOSE_AT });
    // less than the safety margin left: no check, no payment starts
    const late = await disburseJob(
      { asOf: iso(PAY_AT) },
      { getRemainingTimeInMillis: () => SAFETY_MS - 1_000 },
    );
    expect(late).toMatchObject({ started: {}, reconciled: {}, examined: 0, drained: false });
    expect(fake.orders.size).toBe(0);
    const next = await disburseJob(
      { asOf: iso(PAY_AT) },
      { getRemainingTimeInMillis: () => 5 * 60_000 },
    );
    expect(next).toMatchObject({ started: { sent: 30 }, drained: true });
    await expectPaidOnce(fake, grants);
  });

  it('#16: the deadline arrives mid-run → what is in flight finishes, the rest stays due, the next run continues, nothing twice', async () => {
    const grants = await grantsInPublicity(60, 'MID');
    await closePublicityDue({ now: CLOSE_AT });
    // time is up once 20 orders have reached the treasury
    const first = await disburseDue({
      now: PAY_AT,
      concurrency: 8,
      timeLeftMs: () => (fake.orders.size < 20 ? 60_000 : 0),
    });
    const sent = first.started.sent ?? 0;
    expect(first.drained).toBe(false);
    expect(sent).toBeGreaterThanOrEqual(20);
    expect(sent).toBeLessThan(20 + 8); // at most the ones in flight when time ran out
    expect(first.started).toEqual({ sent });
    expect(fake.orders.size).toBe(sent);
    const paid = await mapLimit(grants, 16, async (g) => (await getGrant(g.id)).status);
    expect(paid.filter((s) => s === 'paid')).toHaveLength(sent);
    expect(paid.filter((s) => s !== 'paid' && s !== 'payable')).toEqual([]);

    const second = await disburseDue({ now: PAY_AT });
    expect(second).toMatchObject({ started: { sent: 60 - sent }, drained: true });
    await expectPaidOnce(fake, grants);
  });

  it('one order that fails after its payment is recorded does not end the run: the others are paid, it is left for reconciliation, then paid once', async () => {
    const grants = await grantsInPublicity(12, 'BOOM');
    await closePublicityDue({ now: CLOSE_AT });
    const victim = grants[3]?.id;
    if (!victim) throw new Error('no grants');
    const real = httpTreasury();
    let thrown = 0;
    // an adapter fault that is not "treasury unavailable" (a signing or programming error)
    const faulty: Treasury = {
      pay: (order) => {
        if (order.idempotencyKey === `${victim}:1` && thrown++ === 0)
          return Promise.reject(new Error('签名服务异常'));
        return real.pay(order);
      },
      status: (key) => real.status(key),
    };
    const run = await disburseDue({ now: PAY_AT, treasury: faulty });
    expect(thrown).toBe(1);
    expect(run.started).toEqual({ sent: 11, unknown: 1 });
    expect(await getGrant(victim)).toMatchObject({ status: 'paying' });
    // reconciliation asks by the same key, finds no order, and sends that same order once
    expect(await reconcile({ now: daysAfter(PAY_AT, 1) })).toEqual({ resent: 1 });
    await expectPaidOnce(fake, grants);
  });

  it('#16: closePublicityDue over more grants than one page closes them all, once, each page before the next is read', async () => {
    const grants = await grantsInPublicity(30, 'PAGE');
    const client = db();
    const send = client.send.bind(client);
    const reads: number[] = []; // grants already closed when each page of 公示 was read
    let closed = 0;
    const spy = jest.spyOn(client, 'send');
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- send's callback overloads return void; the code under test calls the promise overload
    spy.mockImplementation((async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof QueryCommand && isPublicityGrantPage(command)) reads.push(closed);
      const out = await (send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(
        command,
        ...rest,
      );
      if (isLedgerReserve(command)) closed++;
      return out;
    }) as typeof client.send);
    try {
      expect(await closePublicityDue({ now: CLOSE_AT, pageSize: 8 })).toEqual({
        grants: { payable: 30 },
        applications: {},
        drained: true,
      });
    } finally {
      spy.mockRestore();
    }
    // four pages of at most 8, each closed before the next was read
    expect(reads).toEqual([0, 8, 16, 24]);
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 30 * AMOUNT });
    const after = await mapLimit(grants, 16, async (g) => await getGrant(g.id));
    expect(after.filter((g) => g.status !== 'payable')).toEqual([]);
    // a rerun finds nothing due and reserves nothing twice
    expect(await closePublicityDue({ now: CLOSE_AT, pageSize: 8 })).toEqual({
      grants: {},
      applications: {},
      drained: true,
    });
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 30 * AMOUNT });
  });

  it('#16: closePublicityDue crashes reading its third page → the first two pages stay closed; a rerun closes the rest, nothing twice', async () => {
    const grants = await grantsInPublicity(30, 'CRASH');
    const client = db();
    const send = client.send.bind(client);
    let pageReads = 0;
    const spy = jest.spyOn(client, 'send');
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- as above
    spy.mockImplementation((async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof QueryCommand && isPublicityGrantPage(command) && ++pageReads === 3)
        throw new Error('the Lambda died here');
      return (send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof client.send);
    try {
      await expect(closePublicityDue({ now: CLOSE_AT, pageSize: 8 })).rejects.toThrow(
        'the Lambda died here',
      );
    } finally {
      spy.mockRestore();
    }
    const mid = await mapLimit(grants, 16, async (g) => (await getGrant(g.id)).status);
    expect(mid.filter((s) => s === 'payable')).toHaveLength(16);
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 16 * AMOUNT });

    await expectRestClosed(grants, 14);
    // and they pay, once each
    expect(await disburseDue({ now: PAY_AT })).toMatchObject({
      started: { sent: 30 },
      drained: true,
    });
    await expectPaidOnce(fake, grants);
  });

  it('payfix: a drain whose clock moves on between items records each payment at the time it was made, not at the run start', async () => {
    const grants = await grantsInPublicity(10, 'CLOCK');
    await closePublicityDue({ now: CLOSE_AT });
    // a minute passes with every reading of the clock: a long run on a slow gateway
    let minutes = 0;
    const clock = () => new Date(PAY_AT.getTime() + ++minutes * 60_000);
    const run = await disburseDue({ now: PAY_AT, clock, concurrency: 1 });
    expect(run).toMatchObject({ started: { sent: 10 }, drained: true });
    const payments = await mapLimit(grants, 16, async (g) => await paymentsOfItem(g.id));
    const byRef = new Map(payments.flat().map((p) => [p.id as string, p]));
    // in the order the treasury received them: each created later than the one before, and
    // settled later than it was created
    const inOrder = [...fake.orders.values()].map((order) => byRef.get(order.reference));
    expect(inOrder.filter((p) => p === undefined)).toEqual([]);
    const created = inOrder.map((p) => p?.createdAt ?? '');
    expect(new Set(created).size).toBe(10);
    expect([...created].sort()).toEqual(created);
    expect(created[0]! > iso(PAY_AT)).toBe(true);
    expect(inOrder.filter((p) => !p?.settledAt || p.settledAt <= p.createdAt)).toEqual([]);
    await expectPaidOnce(fake, grants);
  });

  it('payfix: closePublicityDue whose time runs out after its first page closes that page only; a rerun closes the rest, nothing twice', async () => {
    const grants = await grantsInPublicity(30, 'BUDGET');
    let asked = 0; // time is left for the first page only
    const first = await closePublicityDue({
      now: CLOSE_AT,
      pageSize: 8,
      timeLeftMs: () => (asked++ === 0 ? 60_000 : 0),
    });
    expect(first).toEqual({ grants: { payable: 8 }, applications: {}, drained: false });
    const mid = await mapLimit(grants, 16, async (g) => (await getGrant(g.id)).status);
    expect(mid.filter((s) => s === 'payable')).toHaveLength(8);
    expect(mid.filter((s) => s === 'publicity')).toHaveLength(22);
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 8 * AMOUNT });

    await expectRestClosed(grants, 22);
    expect(await closePublicityDue({ now: CLOSE_AT, pageSize: 8 })).toEqual({
      grants: {},
      applications: {},
      drained: true,
    });
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 30 * AMOUNT });
  });

  it('payfix: the close-publicity job with less than its safety margin left reads no page and says it stopped early; the next run closes everything', async () => {
    const grants = await grantsInPublicity(10, 'LATE');
    const late = await closePublicityJob(
      { asOf: iso(CLOSE_AT) },
      { getRemainingTimeInMillis: () => SAFETY_MS - 1_000 },
    );
    expect(late).toEqual({ grants: {}, applications: {}, drained: false });
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 0 });
    const next = await closePublicityJob(
      { asOf: iso(CLOSE_AT) },
      { getRemainingTimeInMillis: () => 5 * 60_000 },
    );
    expect(next).toEqual({ grants: { payable: 10 }, applications: {}, drained: true });
    const after = await mapLimit(grants, 16, async (g) => await getGrant(g.id));
    expect(after.filter((g) => g.status !== 'payable')).toEqual([]);
  });
});

/** A Query of the byStatus index for grants in 公示 (closePublicityDue's page read). */
function isPublicityGrantPage(command: QueryCommand): boolean {
  return (
    command.input.IndexName === 'byStatus' &&
    command.input.ExpressionAttributeValues?.[':p'] === 'GRANT#publicity'
  );
}

/** A transaction that moves one of the test's grants and reserves its budget: a 公示 closed. */
function isLedgerReserve(command: unknown): boolean {
  if (!(command instanceof TransactWriteCommand)) return false;
  const json = JSON.stringify(command.input);
  return json.includes('LEDGER#') && json.includes('grant_PAGE');
}
