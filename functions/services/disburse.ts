/**
 * Disburse and reconcile (DESIGN §5, §7 "disburse every 15 min"): the one payment path of
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
import { DomainError } from '../../shared/errors';
import type { PaymentId } from '../../shared/ids';
import type { ApplicationId } from '../../shared/ids';
import {
  applyOutcome,
  MAX_PAYMENT_ATTEMPTS,
  newPayment,
  nextCheckAt,
  retryAt,
  type Payment,
  type TreasuryOutcome,
} from '../../shared/payment';
import { logger } from '../_lib/logger';
import { treasury as defaultTreasury, TreasuryUnavailable, type Treasury } from '../adapters/treasury';
import { listApplicationsByStatus } from '../repositories/applications';
import { listGrantsByStatus } from '../repositories/grants';
import { spend } from '../repositories/ledger';
import { listInterestByStatus } from '../repositories/loans';
import { findPayment, listDuePayments, paymentCreation, paymentMove, savePayment } from '../repositories/payments';
import { ADAPTERS, STARTABLE, type PayableView, type Settlement } from './payables';
import { mapLimit, tally, withRetry } from './retry';
import type { PayableKind } from '../../shared/payment';

const SYSTEM: SystemActor = { kind: 'system', job: 'disburse' };
const RECONCILE: SystemActor = { kind: 'system', job: 'reconcile' };

export type StartOutcome = 'sent' | 'unknown' | 'raced' | 'not_payable' | 'no_payee' | 'gave_up' | 'error';
export type ApplyOutcome = 'paid' | 'failed' | 'returned' | 'processing' | 'unchanged';

export interface DisburseOptions {
  now?: Date;
  treasury?: Treasury;
  /** items in flight at once (the gateway and DynamoDB are both rate-limited) */
  concurrency?: number;
  /** stop starting new payments after this many (one batch per run) */
  batchSize?: number;
}

const instantOfOpt = (d?: Date): Instant => instantOf(d ?? clockNow());

/** Starts the payment of one item and sends it. Safe to call twice or concurrently. */
export async function startPayment(kind: PayableKind, itemId: string, o: DisburseOptions = {}): Promise<StartOutcome> {
  const now = instantOfOpt(o.now);
  const adapter = ADAPTERS[kind];
  let payment: Payment | undefined;
  try {
    payment = await withRetry(async () => {
      const v = await adapter.load(itemId);
      if (!v || !STARTABLE.includes(v.status)) return undefined;
      if (v.attempt >= MAX_PAYMENT_ATTEMPTS) throw new DomainError('WRONG_STATE', 'gave_up');
      if (!v.payee) throw new DomainError('WRONG_STATE', 'no_payee');
      const attempt = v.attempt + 1;
      const created = newPayment(
        { itemKind: kind, itemId, attempt, policyId: v.policyId, subjectId: v.subjectId, amountFen: v.amountFen, payee: v.payee },
        now,
      );
      await adapter.start(v, created.next.id, SYSTEM, now, paymentCreation(created.next, created.events));
      return created.next;
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'WRONG_STATE' && (e.message === 'gave_up' || e.message === 'no_payee')) return e.message;
    if (e instanceof DomainError && (e.code === 'DUPLICATE' || e.code === 'CONFLICT' || e.code === 'WRONG_STATE')) return 'raced';
    logger.error('start payment failed', { kind, itemId, error: (e as Error).message });
    return 'error';
  }
  if (!payment) return 'not_payable';
  return send(payment, o);
}

/** Sends (or re-sends: same key) an order and applies the answer; an unknown outcome is left for reconciliation. */
async function send(payment: Payment, o: DisburseOptions): Promise<'sent' | 'unknown'> {
  const gateway = o.treasury ?? defaultTreasury();
  let answer: TreasuryOutcome;
  try {
    answer = await gateway.pay({ idempotencyKey: payment.idempotencyKey, amountFen: payment.amountFen, payee: payment.payee, reference: payment.id });
  } catch (e) {
    if (!(e instanceof TreasuryUnavailable)) throw e;
    logger.warn('treasury unavailable; left for reconciliation', { paymentId: payment.id, error: e.message });
    await postpone(payment.id, o.now);
    return 'unknown';
  }
  await applyTreasuryAnswer(payment.id, answer, { now: o.now });
  return 'sent';
}

/** Moves an open payment's next check later (backoff) without changing its state. */
async function postpone(paymentId: PaymentId, at?: Date): Promise<void> {
  const now = instantOfOpt(at);
  await withRetry(async () => {
    const r = await findPayment(paymentId);
    if (!r || (r.payment.status !== 'pending' && r.payment.status !== 'paying')) return;
    const next: Payment = { ...r.payment, checks: r.payment.checks + 1, version: r.payment.version + 1 };
    await savePayment(next, [], r.payment.version, { dueAt: nextCheckAt(r.payment, now) });
  });
}

function settlementOf(p: Payment, o: TreasuryOutcome): Settlement | undefined {
  switch (o.status) {
    case 'paid':
      return { kind: 'paid', paymentId: p.id };
    case 'failed':
      return { kind: 'failed', paymentId: p.id, reason: o.reason };
    case 'returned':
      return { kind: 'returned', paymentId: p.id, reason: o.reason };
    default:
      return undefined;
  }
}

/**
 * Applies what the treasury said about a payment — from the pay call, a status query, or a
 * callback (which may come twice). Idempotent: an answer that changes nothing is 'unchanged'.
 */
export async function applyTreasuryAnswer(paymentId: PaymentId, answer: TreasuryOutcome, o: { now?: Date } = {}): Promise<ApplyOutcome> {
  const now = instantOfOpt(o.now);
  return withRetry(async () => {
    const r = await findPayment(paymentId);
    if (!r) throw new DomainError('NOT_FOUND', '拨付记录不存在', { paymentId });
    const p = r.payment;
    let moved: ReturnType<typeof applyOutcome>;
    try {
      moved = applyOutcome(p, answer, now);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'WRONG_STATE') {
        logger.warn('late treasury answer for a closed payment ignored', { paymentId, status: p.status, answer: answer.status });
        return 'unchanged';
      }
      throw e;
    }
    if (!moved) return 'unchanged';
    const settlement = settlementOf(p, answer);
    if (!settlement) {
      // accepted, still in transit: only the payment moves; check again later
      await savePayment(moved.next, moved.events, p.version, { dueAt: nextCheckAt(p, now) });
      return 'processing';
    }
    const adapter = ADAPTERS[p.itemKind];
    const item = await adapter.load(p.itemId);
    if (!item) throw new DomainError('NOT_FOUND', '拨付对象不存在', { itemId: p.itemId });
    const withItems = [...paymentMove(moved.next, moved.events, p.version, now)];
    if (settlement.kind === 'paid') withItems.push(spend(p.policyId, p.amountFen));
    const retry = settlement.kind === 'paid' ? undefined : retryAt(p.attempt, now);
    await adapter.settle(item, settlement, RECONCILE, now, withItems, retry);
    return settlement.kind;
  });
}

/** Reconciliation: asks the gateway about every open payment whose check is due. */
export async function reconcile(o: DisburseOptions = {}): Promise<Record<string, number>> {
  const now = instantOfOpt(o.now);
  const gateway = o.treasury ?? defaultTreasury();
  const outcomes: string[] = [];
  for (const status of ['pending', 'paying'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listDuePayments(status, now, cursor);
      const results = await mapLimit(page.items, o.concurrency ?? 4, async ({ payment }) => {
        try {
          const known = await gateway.status(payment.idempotencyKey);
          if (known === undefined) return (await send(payment, o)) === 'sent' ? 'resent' : 'unknown';
          const applied = await applyTreasuryAnswer(payment.id, known, { now: o.now });
          if (applied === 'unchanged' || applied === 'processing') await postpone(payment.id, o.now);
          return applied;
        } catch (e) {
          if (e instanceof TreasuryUnavailable) {
            await postpone(payment.id, o.now);
            return 'unknown';
          }
          logger.error('reconcile failed', { paymentId: payment.id, error: (e as Error).message });
          return 'error';
        }
      });
      outcomes.push(...results);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return tally(outcomes) as Record<string, number>;
}

/** Item ids due for a first payment or a retry, per kind. */
async function dueItems(now: Instant): Promise<{ kind: PayableKind; id: string }[]> {
  const out: { kind: PayableKind; id: string }[] = [];
  const all = async <T>(list: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>, take: (t: T) => void) => {
    let cursor: string | undefined;
    do {
      const page = await list(cursor);
      page.items.forEach(take);
      cursor = page.nextCursor;
    } while (cursor);
  };
  for (const status of ['payable', 'payment_failed', 'returned'] as const) {
    await all((c) => listGrantsByStatus(status, now, c), (r) => out.push({ kind: 'grant', id: r.grant.id }));
    await all((c) => listInterestByStatus(status, now, c), (p) => out.push({ kind: 'loan_interest', id: p.id }));
  }
  await all((c) => listApplicationsByStatus('payable', undefined, c), (a) => out.push({ kind: 'application', id: a.id }));
  // An application's failed payment is retried after the same backoff as a grant's, measured from the failure.
  for (let attempt = 1; attempt < MAX_PAYMENT_ATTEMPTS; attempt++) {
    const before = new Date(2 * Date.parse(now) - Date.parse(retryAt(attempt, now))).toISOString();
    await all(
      (c) => listApplicationsByStatus('payment_failed', before, c),
      (a) => a.paymentAttempt === attempt && out.push({ kind: 'application', id: a.id as ApplicationId }),
    );
  }
  return out;
}

export interface DisburseResult {
  started: Partial<Record<StartOutcome, number>>;
  reconciled: Record<string, number>;
}

/** The 15-minute job: reconcile open payments, then start payments for due items (one batch). */
export async function disburseDue(o: DisburseOptions = {}): Promise<DisburseResult> {
  const now = instantOfOpt(o.now);
  const reconciled = await reconcile(o);
  const due = (await dueItems(now)).slice(0, o.batchSize ?? 500);
  const outcomes = await mapLimit(due, o.concurrency ?? 4, (d) => startPayment(d.kind, d.id, o));
  return { started: tally(outcomes), reconciled };
}

export type { PayableView };
