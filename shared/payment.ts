/**
 * A payment order to the treasury (DESIGN §5), pure. One Payment per payable item and
 * attempt; its idempotency key is `paymentIdempotencyKey(itemId, attempt)`, sent with the
 * order, so a re-sent order (a crash, a timeout, a rerun of disburse) is deduplicated by
 * the bank instead of paid twice. Reconciliation closes every payment as paid, returned
 * (退票) or failed.
 *
 *   pending (recorded, not yet acknowledged) → paying (accepted, in transit) → paid | returned | failed
 *   pending → paid | returned | failed directly when the first answer is already final
 */
import { addNaturalDaysAt, type Instant } from './calendar';
import { DomainError } from './errors';
import { deterministicId, type PaymentId, type PolicyId, type SubjectId } from './ids';
import type { Fen } from './money';
import { paymentIdempotencyKey } from './lifecycle/common';
import type { PayableSettlement, Payee } from './lifecycle/payable';
import { MAX_PAYMENT_ATTEMPTS } from './lifecycle/payable';
import {
  PAYABLE_KINDS,
  PAYMENT_STATUS_LABELS,
  PAYMENT_STATUSES,
  type PayableKind,
  type PaymentStatus,
} from './vocabulary/status';

export { MAX_PAYMENT_ATTEMPTS };

// the statuses, the kinds of item paid and their labels are vocabularies (shared/vocabulary/status.ts)
export {
  PAYABLE_KINDS,
  PAYMENT_STATUSES,
  PAYMENT_STATUS_LABELS,
  type PayableKind,
  type PaymentStatus,
};
export const OPEN_PAYMENT_STATUSES: readonly PaymentStatus[] = ['pending', 'paying'];

export type Payment = {
  readonly id: PaymentId;
  readonly idempotencyKey: string;
  readonly itemKind: PayableKind;
  readonly itemId: string;
  readonly attempt: number;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly amountFen: Fen;
  /** Snapshot of the account at the time of the order; never logged unmasked. */
  readonly payee: Payee;
  readonly status: PaymentStatus;
  readonly version: number;
  readonly createdAt: Instant;
  /** Treasury's own reference, once it answered. */
  readonly treasuryRef?: string;
  readonly settledAt?: Instant;
  readonly reason?: string;
  /** Status queries so far (reconciliation backs off on them). */
  readonly checks: number;
  /** Answers that contradicted the closed payment (a 退票 after paid, a paid after failed): kept for an operator. */
  readonly lateAnswers?: number;
};

export type PaymentEvent = {
  readonly type:
    | 'PaymentCreated'
    | 'PaymentAccepted'
    | 'PaymentPaid'
    | 'PaymentReturned'
    | 'PaymentFailed'
    | 'PaymentLateAnswer';
  readonly paymentId: PaymentId;
  readonly from: PaymentStatus | null;
  readonly to: PaymentStatus;
  readonly at: Instant;
  readonly version: number;
  readonly reason?: string;
};

/** The one PaymentId an (item, attempt) can have: a second create for it collides on the key. */
export function paymentIdFor(itemId: string, attempt: number): PaymentId {
  return deterministicId('payment', itemId.replace(/[^0-9A-Za-z_.-]/g, '.'), String(attempt));
}

export type NewPaymentInput = {
  readonly itemKind: PayableKind;
  readonly itemId: string;
  readonly attempt: number;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly amountFen: Fen;
  readonly payee: Payee;
};

export function newPayment(
  input: NewPaymentInput,
  now: Instant,
): { next: Payment; events: PaymentEvent[] } {
  if (input.amountFen <= 0) throw new DomainError('INVALID_INPUT', '拨付金额必须大于零');
  const id = paymentIdFor(input.itemId, input.attempt);
  const next: Payment = {
    ...input,
    id,
    idempotencyKey: paymentIdempotencyKey(input.itemId, input.attempt),
    status: 'pending',
    version: 1,
    createdAt: now,
    checks: 0,
  };
  return {
    next,
    events: [
      { type: 'PaymentCreated', paymentId: id, from: null, to: 'pending', at: now, version: 1 },
    ],
  };
}

/** What the treasury says about an order. */
export type TreasuryOutcome =
  | { readonly status: 'processing'; readonly treasuryRef?: string }
  | { readonly status: 'paid'; readonly treasuryRef?: string }
  | { readonly status: 'returned'; readonly reason: string; readonly treasuryRef?: string }
  | { readonly status: 'failed'; readonly reason: string; readonly treasuryRef?: string };

const EVENT_OF = {
  paying: 'PaymentAccepted',
  paid: 'PaymentPaid',
  returned: 'PaymentReturned',
  failed: 'PaymentFailed',
} as const;

/**
 * Applies a treasury answer. Returns undefined when it changes nothing (a duplicate
 * answer, a second callback, "processing" again) — callers treat that as done.
 * A final payment never changes again: a late "paid" for a returned order is refused.
 */
export function applyOutcome(
  p: Payment,
  o: TreasuryOutcome,
  now: Instant,
): { next: Payment; events: PaymentEvent[] } | undefined {
  const to: PaymentStatus = o.status === 'processing' ? 'paying' : o.status;
  if (p.status === to) return undefined;
  if (!OPEN_PAYMENT_STATUSES.includes(p.status)) {
    throw new DomainError(
      'WRONG_STATE',
      `拨付已结束（${PAYMENT_STATUS_LABELS[p.status]}），不能改为${PAYMENT_STATUS_LABELS[to]}`,
      { reason: 'PAYMENT_CLOSED', from: p.status, to },
    );
  }
  const reason = 'reason' in o ? o.reason : undefined;
  const final = to !== 'paying';
  const next: Payment = {
    ...p,
    status: to,
    version: p.version + 1,
    treasuryRef: o.treasuryRef ?? p.treasuryRef,
    ...(final ? { settledAt: now } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
  return {
    next,
    events: [
      {
        type: EVENT_OF[to],
        paymentId: p.id,
        from: p.status,
        to,
        at: now,
        version: next.version,
        reason,
      },
    ],
  };
}

/**
 * A treasury answer that contradicts a closed payment (a 退票 days after paid, a paid after a
 * definite failure) never changes it, but is never dropped either: it is recorded on the
 * payment (audit event, counter) so an operator can follow it and open a 追回 or a 补发.
 */
export function recordLateAnswer(
  p: Payment,
  o: TreasuryOutcome,
  now: Instant,
): { next: Payment; events: PaymentEvent[] } {
  const reason = `${o.status}${'reason' in o ? `：${o.reason}` : ''}${o.treasuryRef ? `（${o.treasuryRef}）` : ''}`;
  const next: Payment = { ...p, version: p.version + 1, lateAnswers: (p.lateAnswers ?? 0) + 1 };
  return {
    next,
    events: [
      {
        type: 'PaymentLateAnswer',
        paymentId: p.id,
        from: p.status,
        to: p.status,
        at: now,
        version: next.version,
        reason,
      },
    ],
  };
}

/**
 * When to look at an open payment again: 1, 2, 4 … minutes after each check, at most
 * an hour apart. The treasury answers most orders within seconds; 退票 come days later.
 */
export function nextCheckAt(p: Pick<Payment, 'checks'>, now: Instant): Instant {
  const minutes = Math.min(60, 2 ** Math.min(p.checks, 6));
  return new Date(Date.parse(now) + minutes * 60_000).toISOString() as Instant;
}

/** Retrying a failed or returned item: 15 min, 30 min, 1 h, 2 h … capped at a day; after MAX_ATTEMPTS an operator decides. */
export function retryAt(attempt: number, now: Instant): Instant {
  const minutes = Math.min(24 * 60, 15 * 2 ** Math.max(0, attempt - 1));
  return new Date(Date.parse(now) + minutes * 60_000).toISOString() as Instant;
}

/** The item's settlement a final answer brings (none while the order is still in transit). */
export function settlementOf(
  p: Pick<Payment, 'id'>,
  o: TreasuryOutcome,
): PayableSettlement | undefined {
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

type Moved = { readonly next: Payment; readonly events: PaymentEvent[] };

/**
 * What a treasury answer does to a payment (from the pay call, a status query or a callback,
 * which may come twice), decided in one place:
 * - `unchanged`: it says what the payment already says;
 * - `late`: it contradicts a closed payment, which never changes; recorded on it (`recordLateAnswer`);
 * - `in_transit`: accepted, still on its way: the payment moves, checked again at `checkAt`;
 * - `settle`: final: the payment and its item settle together; a failed or returned item is
 *   due again at `retryAt`, and a paid one spends its reservation.
 */
export type AnswerEffect =
  | { readonly kind: 'unchanged' }
  | (Moved & { readonly kind: 'late' })
  | (Moved & { readonly kind: 'in_transit'; readonly checkAt: Instant })
  | (Moved & {
      readonly kind: 'settle';
      readonly settlement: PayableSettlement;
      readonly retryAt?: Instant;
    });

export function answerEffect(p: Payment, o: TreasuryOutcome, now: Instant): AnswerEffect {
  const to: PaymentStatus = o.status === 'processing' ? 'paying' : o.status;
  if (p.status === to) return { kind: 'unchanged' };
  if (!OPEN_PAYMENT_STATUSES.includes(p.status))
    return { kind: 'late', ...recordLateAnswer(p, o, now) };
  const moved = applyOutcome(p, o, now);
  if (!moved) return { kind: 'unchanged' };
  const settlement = settlementOf(p, o);
  if (!settlement) return { kind: 'in_transit', ...moved, checkAt: nextCheckAt(p, now) };
  return settlement.kind === 'paid'
    ? { kind: 'settle', ...moved, settlement }
    : { kind: 'settle', ...moved, settlement, retryAt: retryAt(p.attempt, now) };
}

/**
 * No answer yet (the treasury unreachable, or still processing): an open payment's next check
 * moves later (backoff) and nothing else changes. Undefined for a closed payment.
 */
export function postponeCheck(
  p: Payment,
  now: Instant,
): { readonly next: Payment; readonly dueAt: Instant } | undefined {
  if (!OPEN_PAYMENT_STATUSES.includes(p.status)) return undefined;
  return {
    next: { ...p, checks: p.checks + 1, version: p.version + 1 },
    dueAt: nextCheckAt(p, now),
  };
}

/** A day, as instant arithmetic for tests and callers that think in days. */
export const inDays = (now: Instant, days: number): Instant => addNaturalDaysAt(now, days);
