/**
 * Paying a quarter's 贴息 (POLICIES C `startup-loan-interest`): the record
 * `subsidiseQuarter` creates once per loan per quarter becomes a payable item with the
 * same payment steps as a grant, paid to the borrower's loan repayment account at the
 * cooperating bank ("自动拨付至合作银行还款账户").
 *
 *   payable → paying → paid | payment_failed → paying (retry) | returned (退票) → paying (补发)
 *
 * The budget is reserved in the transaction that records the quarter (the record is born
 * payable: 贴息 has no 公示, publicityDays 0).
 */
import type { Actor } from '../actor';
import { actorRef } from '../actor';
import type { Instant } from '../calendar';
import { DomainError, wrongState } from '../errors';
import type { PaymentId, PolicyId } from '../ids';
import type { Fen } from '../money';
import { assertNever, requireText, type EventBase, type StatusChange, type Transition } from './common';
import type { Payee } from './grant';
import { requireSystem, requireSystemOrAdmin } from './guards';
import type { InterestSubsidy } from './loan';

export const PAYOUT_STATUSES = ['payable', 'paying', 'paid', 'payment_failed', 'returned'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export type InterestPayout = InterestSubsidy & {
  readonly policyId: PolicyId;
  readonly payee: Payee;
  readonly status: PayoutStatus;
  readonly version: number;
  readonly paymentAttempt: number;
  readonly paymentId?: PaymentId;
  readonly paymentFailure?: string;
  readonly paidAt?: Instant;
};

type Base = EventBase & { readonly recordId: string };
export type PayoutEvent =
  | (Base & StatusChange<PayoutStatus> & { readonly type: 'InterestPayable'; readonly amountFen: Fen })
  | (Base & StatusChange<PayoutStatus> & { readonly type: 'PaymentRequested'; readonly paymentId: PaymentId; readonly attempt: number })
  | (Base & StatusChange<PayoutStatus> & { readonly type: 'PaymentSettled'; readonly paymentId: PaymentId })
  | (Base & StatusChange<PayoutStatus> & { readonly type: 'PaymentFailed' | 'PaymentReturned'; readonly paymentId: PaymentId; readonly reason: string });

type T = Transition<InterestPayout, PayoutEvent>;

export function openPayout(record: InterestSubsidy, policyId: PolicyId, payee: Payee, by: Actor, now: Instant): T {
  requireSystem(by);
  if (record.amountFen <= 0) throw new DomainError('INVALID_INPUT', '贴息金额必须大于零');
  const next: InterestPayout = { ...record, policyId, payee, status: 'payable', version: 1, paymentAttempt: 0 };
  return {
    next,
    events: [{ type: 'InterestPayable', from: null, to: 'payable', amountFen: record.amountFen, recordId: record.id, by: actorRef(by), at: now, version: 1 }],
  };
}

export function disbursePayout(p: InterestPayout, cmd: { readonly paymentId: PaymentId }, by: Actor, now: Instant): T {
  requireSystemOrAdmin(by);
  if (!['payable', 'payment_failed', 'returned'].includes(p.status)) throw wrongState(p.status, '拨付贴息');
  const attempt = p.paymentAttempt + 1;
  const next: InterestPayout = { ...p, status: 'paying', paymentAttempt: attempt, paymentId: cmd.paymentId, paymentFailure: undefined, version: p.version + 1 };
  return {
    next,
    events: [{ type: 'PaymentRequested', from: p.status, to: 'paying', paymentId: cmd.paymentId, attempt, recordId: p.id, by: actorRef(by), at: now, version: next.version }],
  };
}

export type PayoutSettlement =
  | { readonly kind: 'paid'; readonly paymentId: PaymentId }
  | { readonly kind: 'failed' | 'returned'; readonly paymentId: PaymentId; readonly reason: string };

export function settlePayout(p: InterestPayout, o: PayoutSettlement, by: Actor, now: Instant): T {
  requireSystem(by);
  if (p.status !== 'paying') throw wrongState(p.status, '确认贴息拨付结果');
  if (o.paymentId !== p.paymentId) throw new DomainError('WRONG_STATE', '不是当前这笔拨付', { current: p.paymentId, got: o.paymentId });
  const base = { recordId: p.id, by: actorRef(by), at: now, version: p.version + 1, paymentId: o.paymentId };
  switch (o.kind) {
    case 'paid':
      return { next: { ...p, status: 'paid', paidAt: now, version: p.version + 1 }, events: [{ ...base, type: 'PaymentSettled', from: 'paying', to: 'paid' }] };
    case 'failed':
    case 'returned': {
      const reason = requireText(o.reason, '原因');
      const to: PayoutStatus = o.kind === 'failed' ? 'payment_failed' : 'returned';
      return {
        next: { ...p, status: to, paymentFailure: reason, version: p.version + 1 },
        events: [{ ...base, type: o.kind === 'failed' ? 'PaymentFailed' : 'PaymentReturned', from: 'paying', to, reason }],
      };
    }
    default:
      return assertNever(o);
  }
}
