/**
 * Paying a quarter's 贴息 (POLICIES C `startup-loan-interest`): the record
 * `subsidiseQuarter` creates once per loan per quarter becomes a payable item with the
 * same payment steps as a grant, paid to the borrower's loan repayment account at the
 * cooperating bank ("自动拨付至合作银行还款账户").
 *
 *   payable → paying → paid | payment_failed → paying (retry) | returned (退票) → paying (补发)
 *   — the payable sub-lifecycle (./payable.ts), with on_hold, awaiting_account and cancelled
 *
 * The budget is reserved in the transaction that records the quarter (the record is born
 * payable: 贴息 has no 公示, publicityDays 0).
 */
import type { Actor } from '../actor';
import { actorRef } from '../actor';
import type { Instant } from '../calendar';
import { DomainError } from '../errors';
import type { PaymentId, PolicyId } from '../ids';
import type { Fen } from '../money';
import type { EventBase, StatusChange, Transition } from './common';
import { requireSystem } from './guards';
import type { InterestSubsidy } from './loan';
import * as payable from './payable';
import type { PayableEventBody, PayablePart, PayableStatus, PayableStep, Payee } from './payable';

export const PAYOUT_STATUSES = payable.PAYABLE_STATUSES;
export type PayoutStatus = PayableStatus;
export const PAYOUT_TRANSITIONS = payable.PAYABLE_TRANSITIONS;

export type InterestPayout = InterestSubsidy & {
  readonly policyId: PolicyId;
  readonly payee: Payee;
  readonly status: PayoutStatus;
  readonly version: number;
  readonly paymentAttempt: number;
  /** see PayablePart.attemptFloor */
  readonly attemptFloor?: number;
  readonly paymentId?: PaymentId;
  readonly paymentFailure?: string;
  readonly paidAt?: Instant;
  readonly holdReason?: string;
  readonly cancelReason?: string;
};

type Base = EventBase & { readonly recordId: string };
export type PayoutEvent =
  | (Base &
      StatusChange<PayoutStatus> & { readonly type: 'InterestPayable'; readonly amountFen: Fen })
  | (Base & PayableEventBody);

type T = Transition<InterestPayout, PayoutEvent>;

export function openPayout(
  record: InterestSubsidy,
  policyId: PolicyId,
  payee: Payee,
  by: Actor,
  now: Instant,
): T {
  requireSystem(by);
  if (record.amountFen <= 0) throw new DomainError('INVALID_INPUT', '贴息金额必须大于零');
  const next: InterestPayout = {
    ...record,
    policyId,
    payee,
    status: 'payable',
    version: 1,
    paymentAttempt: 0,
  };
  return {
    next,
    events: [
      {
        type: 'InterestPayable',
        from: null,
        to: 'payable',
        amountFen: record.amountFen,
        recordId: record.id,
        by: actorRef(by),
        at: now,
        version: 1,
      },
    ],
  };
}

export const payablePartOf = (p: InterestPayout): PayablePart => p;

function emitPayable(p: InterestPayout, by: Actor, now: Instant, step: PayableStep): T {
  const next: InterestPayout = {
    ...p,
    ...step.patch,
    payee: step.patch.payee ?? p.payee,
    version: p.version + 1,
  };
  const base = { recordId: p.id, by: actorRef(by), at: now, version: next.version };
  return { next, events: step.drafts.map((d) => ({ ...d, ...base })) };
}

/** payable | payment_failed | returned → paying (补发 after a 退票). */
export function disbursePayout(
  p: InterestPayout,
  cmd: { readonly paymentId: PaymentId },
  by: Actor,
  now: Instant,
): T {
  return emitPayable(p, by, now, payable.startPayment(p, cmd, by));
}

export type PayoutSettlement = payable.PayableSettlement;

export function settlePayout(p: InterestPayout, o: PayoutSettlement, by: Actor, now: Instant): T {
  return emitPayable(p, by, now, payable.settlePayment(p, o, by, now));
}

export function correctPayoutAccount(
  p: InterestPayout,
  cmd: { readonly payee: Payee; readonly reason: string },
  by: Actor,
  now: Instant,
): T {
  return emitPayable(p, by, now, payable.correctAccount(p, cmd, by));
}

export function holdPayout(
  p: InterestPayout,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): T {
  return emitPayable(p, by, now, payable.hold(p, cmd, by));
}

export function releasePayout(
  p: InterestPayout,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): T {
  return emitPayable(p, by, now, payable.release(p, cmd, by));
}

export function cancelPayout(
  p: InterestPayout,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): T {
  return emitPayable(p, by, now, payable.cancel(p, cmd, by));
}

export function parkPayout(p: InterestPayout, by: Actor, now: Instant): T {
  return emitPayable(p, by, now, payable.parkForAccount(p, by));
}
