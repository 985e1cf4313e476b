/**
 * Disburse and reconcile (DESIGN §5, §7; every 5 min since issue #16): the one payment path of
 * grants, applications and 贴息.
 *
 * Never paying twice rests on three things:
 * 1. Starting a payment moves the item to `paying` and creates the Payment in ONE
 *    transaction, under the item's version and `attribute_not_exists` on the payment id
 *    (item + attempt). Two disburse runs racing for an item: one wins, the other gets
 *    CONFLICT/DUPLICATE and moves on.
 * 2. The order carries the idempotency key item + attempt. If the process dies after the
 *    transaction but before (or while) sending, or the gateway times out, the payment stays
 *    open and reconciliation asks the gateway about that key: known → take its answer;
 *    never received → send the same order again (same key, deduplicated by the bank).
 *    A new attempt (new key) only ever starts after the previous one is closed as failed
 *    or returned.
 * 3. Settling moves payment, item and ledger (reserved → paid) in one transaction; a
 *    duplicate answer finds the payment already closed and changes nothing.
 */
import { now as clockNow } from '../_lib/clock';
import type { SystemActor } from '../../shared/actor';
import { instantOf, type Instant } from '../../shared/calendar';
import { conflict, DomainError } from '../../shared/errors';
import type { PaymentId } from '../../shared/ids';
import { startDecision } from '../../shared/lifecycle/payable';
import {
  answerEffect,
  newPayment,
  postponeCheck,
  type Payment,
  type TreasuryOutcome,
} from '../../shared/payment';
import { logger } from '../_lib/logger';
import { maskText } from '../../shared/mask';
import { businessMetrics } from '../_lib/metrics';
import {
  treasury as defaultTreasury,
  TreasuryUnavailable,
  type Treasury,
} from '../adapters/treasury';
import { listApplicationsByStatus } from '../repositories/applications';
import { listGrantsByStatus } from '../repositories/grants';
import { spend } from '../repositories/ledger';
import { listInterestByStatus } from '../repositories/loans';
import {
  findPayment,
  listDuePayments,
  paymentCreation,
  paymentMove,
  savePayment,
} from '../repositories/payments';
import { ADAPTERS, type PayableView } from './payables';
import { finishReleases, signoffGate } from './payment-batches';
import { mapLimit, tally, withRetry } from './retry';
import type { PayableKind } from '../../shared/payment';

const SYSTEM: SystemActor = { kind: 'system', job: 'disburse' };
const RECONCILE: SystemActor = { kind: 'system', job: 'reconcile' };

/**
 * `parked`: no receiving account, moved to awaiting_account (out of the due index, the payee
 * is asked); `held`: the retry budget was spent, moved to on_hold for an operator;
 * `awaiting_signoff`: its policy pays only in an approved 支付批次 and it is in none, parked
 * out of the due index until a batch with it is approved (services/payment-batches.ts).
 */
export type StartOutcome =
  'sent' | 'unknown' | 'raced' | 'not_payable' | 'parked' | 'held' | 'awaiting_signoff' | 'error';
export type ApplyOutcome = 'paid' | 'failed' | 'returned' | 'processing' | 'unchanged';

export interface DisburseOptions {
  /** the run's start: what is due is what is due by then */
  now?: Date;
  /**
   * The time each step is recorded at: a payment created, its answer applied, its check
   * postponed. A run lasts minutes, and an auditor following a payment needs the time it was
   * actually made, not the run's start. Default (disburseDue, reconcile): `now` moving on with
   * the platform clock from the run's start; a single startPayment without one records `now`.
   */
  clock?: () => Date;
  treasury?: Treasury;
  /** items in flight at once (the gateway and DynamoDB are both rate-limited) */
  concurrency?: number;
  /** stop starting new payments after this many (default: no count, the run is bounded by time) */
  batchSize?: number;
  /** look at no more than this many due items per run (parked and held ones included; default: no count) */
  scanBudget?: number;
  /**
   * Milliseconds this run may still start work in (the Lambda's remaining time minus a safety
   * margin, functions/schedule/disburse): at 0 or less no new check or payment starts; those in
   * flight finish. Default: DEFAULT_RUN_MS from the start of the run.
   */
  timeLeftMs?: () => number;
}

/** In-process runs (npm start, tests, the bench) without a Lambda deadline stop starting work after this. */
export const DEFAULT_RUN_MS = 10 * 60_000;

/** Due items started at once by the disburse job when the caller does not say (DESIGN §7). */
export const DEFAULT_CONCURRENCY = 16;

function timeLeftOf(o: DisburseOptions): () => number {
  if (o.timeLeftMs) return o.timeLeftMs;
  const until = Date.now() + DEFAULT_RUN_MS;
  return () => until - Date.now();
}

const instantOfOpt = (d?: Date): Instant => instantOf(d ?? clockNow());

type Clocked = Pick<DisburseOptions, 'now' | 'clock'>;

/** The time a step happens at: read from the run's clock when it has one (a fresh reading per step). */
const stepTime = (o: Clocked): Instant => instantOf(o.clock?.() ?? o.now ?? clockNow());

/** A run's clock: the one given, else the run's start (`now`) moving on as the platform clock does. */
function runClock(o: Clocked): () => Date {
  if (o.clock) return o.clock;
  if (!o.now) return clockNow;
  const offset = o.now.getTime() - clockNow().getTime();
  return () => new Date(offset + clockNow().getTime());
}

/** Starts the payment of one item and sends it. Safe to call twice or concurrently. */
export async function startPayment(
  kind: PayableKind,
  itemId: string,
  o: DisburseOptions = {},
): Promise<StartOutcome> {
  // the payment is created (and the item moves to paying) at the time this item's turn comes
  const now = stepTime(o);
  const adapter = ADAPTERS[kind];
  let started: Payment | 'parked' | 'held' | 'awaiting_signoff' | undefined;
  try {
    started = await withRetry(
      async (): Promise<Payment | 'parked' | 'held' | 'awaiting_signoff' | undefined> => {
        const v = await adapter.load(itemId);
        if (!v) return undefined;
        // What can never start leaves the due index at once, so it cannot stand in front of what can.
        const decision = startDecision(v.part, v.payee);
        switch (decision.kind) {
          case 'skip':
            return undefined;
          case 'park':
            await adapter.run(v, { kind: 'park' }, SYSTEM, now, []);
            return 'parked';
          case 'hold':
            await adapter.run(v, { kind: 'hold', reason: decision.reason }, SYSTEM, now, []);
            return 'held';
          case 'start':
            break;
        }
        // 财政审批: only an item in an approved 支付批次 starts; any other leaves the due index too.
        const gate = await signoffGate(v);
        if (gate === 'parked') return 'awaiting_signoff';
        if (gate === 'raced')
          throw new DomainError('CONFLICT', '事项已变化', { reason: 'ITEM_MOVED' });
        const created = newPayment(
          {
            itemKind: kind,
            itemId,
            attempt: decision.attempt,
            policyId: v.policyId,
            subjectId: v.subjectId,
            amountFen: v.amountFen,
            payee: decision.payee,
          },
          now,
        );
        await adapter.start(
          v,
          created.next.id,
          SYSTEM,
          now,
          paymentCreation(created.next, created.events),
        );
        return created.next;
      },
    );
  } catch (e) {
    if (
      e instanceof DomainError &&
      (e.code === 'DUPLICATE' || e.code === 'CONFLICT' || e.code === 'WRONG_STATE')
    )
      return 'raced';
    logger.error('start payment failed', { kind, itemId, error: (e as Error).message });
    return 'error';
  }
  if (started === undefined) return 'not_payable';
  if (started === 'parked' || started === 'held' || started === 'awaiting_signoff') return started;
  try {
    return await send(started, o);
  } catch (e) {
    // The payment is recorded and due for reconciliation, which asks the treasury by the same
    // key (and resends that same order if it never arrived): one item's fault after this point
    // must not end the run for every other item (a thrown error used to reject the whole run).
    logger.error('sending payment failed; left for reconciliation', {
      kind,
      itemId,
      paymentId: started.id,
      error: maskText((e as Error).message),
    });
    return 'unknown';
  }
}

/** Sends (or re-sends: same key) an order and applies the answer; an unknown outcome is left for reconciliation. */
async function send(payment: Payment, o: DisburseOptions): Promise<'sent' | 'unknown'> {
  const gateway = o.treasury ?? defaultTreasury();
  let answer: TreasuryOutcome;
  try {
    answer = await gateway.pay({
      idempotencyKey: payment.idempotencyKey,
      amountFen: payment.amountFen,
      payee: payment.payee,
      reference: payment.id,
    });
  } catch (e) {
    if (!(e instanceof TreasuryUnavailable)) throw e;
    logger.warn('treasury unavailable; left for reconciliation', {
      paymentId: payment.id,
      error: e.message,
    });
    await postpone(payment.id, o);
    return 'unknown';
  }
  await applyTreasuryAnswer(payment.id, answer, o);
  return 'sent';
}

/** Moves an open payment's next check later (backoff) without changing its state. */
async function postpone(paymentId: PaymentId, o: Clocked): Promise<void> {
  const now = stepTime(o);
  await withRetry(async () => {
    const r = await findPayment(paymentId);
    const later = r && postponeCheck(r.payment, now);
    if (!r || !later) return;
    await savePayment(later.next, [], r.payment.version, { dueAt: later.dueAt });
  });
}

/**
 * Applies what the treasury said about a payment — from the pay call, a status query, or a
 * callback (which may come twice). Idempotent: an answer that changes nothing is 'unchanged'.
 */
export async function applyTreasuryAnswer(
  paymentId: PaymentId,
  answer: TreasuryOutcome,
  o: Clocked = {},
): Promise<ApplyOutcome> {
  const now = stepTime(o);
  return withRetry(async () => {
    const r = await findPayment(paymentId);
    if (!r) throw new DomainError('NOT_FOUND', '拨付记录不存在', { paymentId });
    const p = r.payment;
    const effect = answerEffect(p, answer, now);
    switch (effect.kind) {
      case 'unchanged':
        return 'unchanged';
      case 'late':
        // Never applied, never dropped: recorded on the payment for an operator (issue #10 review).
        logger.error('treasury answer contradicts a closed payment; recorded', {
          paymentId,
          status: p.status,
          answer: answer.status,
        });
        await savePayment(effect.next, effect.events, p.version, { dueAt: r.dueAt });
        return 'unchanged';
      case 'in_transit':
        // accepted, still in transit: only the payment moves; check again later
        await savePayment(effect.next, effect.events, p.version, { dueAt: effect.checkAt });
        return 'processing';
      case 'settle':
        break;
    }
    const { settlement } = effect;
    const adapter = ADAPTERS[p.itemKind];
    const item = await adapter.load(p.itemId);
    if (!item) throw new DomainError('NOT_FOUND', '拨付对象不存在', { itemId: p.itemId });
    const withItems = [...paymentMove(effect.next, effect.events, p.version, now)];
    if (settlement.kind === 'paid') withItems.push(spend(p.policyId, item.fiscalYear, p.amountFen));
    try {
      await adapter.settle(item, settlement, RECONCILE, now, withItems, effect.retryAt);
    } catch (e) {
      // Another copy of the answer (a callback racing the direct answer) settled the payment
      // between our two reads: the item is no longer paying. Start over on fresh state, where
      // the payment is found closed and the answer changes nothing.
      if (
        e instanceof DomainError &&
        e.code === 'WRONG_STATE' &&
        (await findPayment(paymentId))?.payment.version !== p.version
      )
        throw conflict();
      throw e;
    }
    businessMetrics.paymentClosed(settlement.kind, p.amountFen);
    return settlement.kind;
  });
}

/** Reconciliation: asks the gateway about every open payment whose check is due. */
export async function reconcile(opts: DisburseOptions = {}): Promise<Record<string, number>> {
  const now = instantOfOpt(opts.now);
  const o = { ...opts, clock: runClock(opts) };
  const gateway = o.treasury ?? defaultTreasury();
  const timeLeft = timeLeftOf(o);
  const outcomes: string[] = [];
  for (const status of ['pending', 'paying'] as const) {
    let cursor: string | undefined;
    do {
      // out of time: what is left stays due and the next run checks it
      if (timeLeft() <= 0) return tally(outcomes) as Record<string, number>;
      const page = await listDuePayments(status, now, cursor);
      const results = await mapLimit(page.items, o.concurrency ?? 4, async ({ payment }) => {
        if (timeLeft() <= 0) return undefined;
        try {
          const known = await gateway.status(payment.idempotencyKey);
          if (known === undefined)
            return (await send(payment, o)) === 'sent' ? 'resent' : 'unknown';
          const applied = await applyTreasuryAnswer(payment.id, known, o);
          if (applied === 'unchanged' || applied === 'processing') await postpone(payment.id, o);
          return applied;
        } catch (e) {
          if (e instanceof TreasuryUnavailable) {
            await postpone(payment.id, o);
            return 'unknown';
          }
          logger.error('reconcile failed', { paymentId: payment.id, error: (e as Error).message });
          return 'error';
        }
      });
      outcomes.push(...results.filter((r) => r !== undefined));
      cursor = page.nextCursor;
    } while (cursor);
  }
  return tally(outcomes) as Record<string, number>;
}

/** One range of the due index: items of one kind and status, due by `now`, earliest first. */
type DueSource = {
  kind: PayableKind;
  page: (
    cursor: string | undefined,
    limit: number,
  ) => Promise<{ ids: string[]; nextCursor?: string }>;
};

function dueSources(now: Instant): DueSource[] {
  const sources: DueSource[] = [];
  for (const status of ['payable', 'payment_failed', 'returned'] as const) {
    sources.push({
      kind: 'grant',
      page: async (c, limit) => {
        const p = await listGrantsByStatus(status, now, c, limit);
        return { ids: p.items.map((r) => r.grant.id), nextCursor: p.nextCursor };
      },
    });
    sources.push({
      kind: 'loan_interest',
      page: async (c, limit) => {
        const p = await listInterestByStatus(status, now, c, limit);
        return { ids: p.items.map((x) => x.id), nextCursor: p.nextCursor };
      },
    });
  }
  for (const status of ['payable', 'payment_failed'] as const) {
    sources.push({
      kind: 'application',
      page: async (c, limit) => {
        const p = await listApplicationsByStatus(status, now, c, limit);
        return { ids: p.items.map((a) => a.id), nextCursor: p.nextCursor };
      },
    });
  }
  return sources;
}

export interface DisburseResult {
  started: Partial<Record<StartOutcome, number>>;
  reconciled: Record<string, number>;
  /** due items looked at this run */
  examined: number;
  /** false when the run stopped on its time or a count budget with due items perhaps left (the next run goes on) */
  drained: boolean;
}

/**
 * The scheduled job: reconcile open payments, then start payments for due items. It pages
 * through every range of the due index by cursor, one page per range in turn, until every
 * range is done or the run's time is up (`timeLeftMs`: the Lambda deadline, so a county's
 * tens of thousands of due items drain in the runs of one hour rather than 500 a run), with
 * `concurrency` payments in flight. Optional count budgets: payments started (`batchSize`)
 * and items looked at (`scanBudget`). Stopping early is clean: an item is started by one
 * conditional transaction or not at all, and what is not started stays due for the next run.
 * An item that cannot start is parked (no account) or held (retry budget spent) on the spot,
 * which takes it out of the index, so every run makes progress and nothing starves behind it.
 */
export async function disburseDue(opts: DisburseOptions = {}): Promise<DisburseResult> {
  // what is due is read as of the run's start; each payment is recorded when it is made
  const now = instantOfOpt(opts.now);
  const o = { ...opts, clock: runClock(opts) };
  const timeLeft = timeLeftOf(o);
  const reconciled = await reconcile({ ...o, timeLeftMs: timeLeft });
  // a crash between a 支付批次's approval and the return of its items to the due index is finished here
  await finishReleases();
  const maxStarts = o.batchSize ?? Infinity;
  const maxExamined = o.scanBudget ?? Infinity;
  const concurrency = o.concurrency ?? DEFAULT_CONCURRENCY;
  // counted as they come, not kept: a run's memory is one page whatever is due
  const started: Partial<Record<StartOutcome, number>> = {};
  let starts = 0;
  let examined = 0;
  let outOfTime = false;
  let active = dueSources(now).map((source) => ({
    source,
    cursor: undefined as string | undefined,
    done: false,
  }));
  while (active.length > 0 && !outOfTime) {
    for (const a of active) {
      // each range gets its share of what is left (so a long range cannot crowd out the others),
      // and a page never holds more items than starts left, so the start budget is never overrun
      const share = Math.max(1, Math.floor((maxStarts - starts) / active.length));
      const limit = Math.min(100, share, maxStarts - starts, maxExamined - examined);
      if (limit <= 0) break;
      if (timeLeft() <= 0) {
        outOfTime = true;
        break;
      }
      const page = await a.source.page(a.cursor, limit);
      const results = await mapLimit(page.ids, concurrency, (id) =>
        // out of time: not looked at, still due; the next run starts it
        timeLeft() <= 0 ? Promise.resolve(undefined) : startPayment(a.source.kind, id, o),
      );
      const done = results.filter((r) => r !== undefined);
      outOfTime = done.length < results.length;
      examined += done.length;
      for (const r of done) started[r] = (started[r] ?? 0) + 1;
      starts += done.filter((r) => r === 'sent' || r === 'unknown').length;
      a.cursor = page.nextCursor;
      a.done = page.nextCursor === undefined;
      if (outOfTime) break;
    }
    if (starts >= maxStarts || examined >= maxExamined) break;
    active = active.filter((a) => !a.done);
  }
  businessMetrics.paymentsHeld(started.held ?? 0);
  const drained = !outOfTime && active.every((a) => a.done);
  return { started, reconciled, examined, drained };
}

export type { PayableView };
