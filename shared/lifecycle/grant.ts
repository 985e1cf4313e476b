/**
 * Grant (免申即享) lifecycle, DESIGN §4: money the government's own data
 * already proves is owed, paid with no application (002: "免申报、零审批、资金直达").
 *
 *   detected → awaiting_confirmation (no account on file) → publicity → payable → paying → paid
 *   and from `payable` on, the payable sub-lifecycle (./payable.ts): payment_failed → paying
 *   (retry), returned (退票) → paying (补发), awaiting_account, on_hold, cancelled
 *
 * - A grant is unique per (policy, subject, period): its id is derived from
 *   them (`grantIdFor`), so a rerun of the auto-grant schedule collides on the
 *   key instead of creating a second grant.
 * - `detected` is left in the same transition that creates the grant, toward
 *   awaiting_confirmation or publicity depending on whether a payee is on file.
 * - An objection upheld during 公示 cancels the grant (there is no review to return to).
 */
import type { Actor, DepartmentCode } from '../actor';
import type { FrozenFacts } from '../facts/frozen';
import { actorRef } from '../actor';
import { addNaturalDaysAt, compareInstants, type Instant } from '../calendar';
import { DomainError, invalidInput, wrongState } from '../errors';
import {
  deterministicId,
  type GrantId,
  type ObjectionId,
  type PaymentId,
  type PolicyId,
  type SubjectId,
} from '../ids';
import { fen, type Fen } from '../money';
import {
  newObjection,
  newPublicObjection,
  PUBLIC_OBJECTION_CHANNEL,
  type PublicObjector,
  NO_OBJECTIONS,
  requirePublicityOver,
  requireText,
  ruleOnObjection,
  type EventBase,
  type NewObjection,
  type ObjectionCounters,
  type ObjectionRuling,
  type Objection,
  type StatusChange,
  type Transition,
} from './common';
import {
  requireAdmin,
  requireApplicant,
  requireOwner,
  requireReviewer,
  requireSystem,
} from './guards';
import * as payable from './payable';
import type { PayableEventBody, PayablePart, PayableStep, Payee } from './payable';
import { GRANT_STATUS_LABELS, GRANT_STATUSES, type GrantStatus } from '../vocabulary/status';

export type { Payee } from './payable';

// the statuses and their labels are one vocabulary (shared/vocabulary/status.ts)
export { GRANT_STATUSES, GRANT_STATUS_LABELS, type GrantStatus };

export const GRANT_TRANSITIONS: Readonly<Record<GrantStatus, readonly GrantStatus[]>> = {
  detected: ['awaiting_confirmation', 'publicity'],
  awaiting_confirmation: ['publicity', 'cancelled'],
  publicity: ['payable', 'cancelled'],
  // the money part is the payable sub-lifecycle's, edge for edge
  ...payable.PAYABLE_TRANSITIONS,
};

/** Statuses of the payment part (the payable sub-lifecycle). */
export const GRANT_PAYMENT_STATUSES = payable.PAYABLE_STATUSES satisfies readonly GrantStatus[];

/** Objections are items of their own (shared/lifecycle/common.ts); the grant counts them. */
export type Grant = ObjectionCounters & {
  readonly id: GrantId;
  readonly policyId: PolicyId;
  readonly policyVersion: number;
  readonly subjectId: SubjectId;
  /** The period the facts prove, e.g. `2026` or `2026-Q1`; part of the uniqueness key. */
  readonly period: string;
  /** The benefit period whose entitlement claim this grant holds (shared/entitlement.ts); absent on older grants. */
  readonly claimPeriod?: string;
  readonly department: DepartmentCode;
  readonly amountFen: Fen;
  readonly publicityDays: number;
  /**
   * The facts the detection judged, by reference to their immutable versions and hash
   * (shared/facts/frozen.ts); absent on grants detected before issue 14.
   */
  readonly frozenFacts?: FrozenFacts;
  readonly status: GrantStatus;
  readonly version: number;
  readonly detectedAt: Instant;
  /** The date the rules were evaluated as of at detection (absent on older grants). */
  readonly evaluatedOn?: string;
  readonly payee?: Payee;
  readonly publicityEndsAt?: Instant;
  readonly paymentAttempt: number;
  /** see PayablePart.attemptFloor */
  readonly attemptFloor?: number;
  readonly paymentId?: PaymentId;
  readonly paymentFailure?: string;
  readonly paidAt?: Instant;
  readonly holdReason?: string;
  readonly cancelReason?: string;
};

type Base = EventBase & { readonly grantId: GrantId };
type Change = Base & StatusChange<GrantStatus>;
export type GrantEvent =
  | (Change & {
      readonly type: 'GrantDetected';
      readonly policyId: PolicyId;
      readonly subjectId: SubjectId;
      readonly period: string;
      readonly amountFen: Fen;
    })
  | (Change & { readonly type: 'ConfirmationRequested' })
  | (Base & { readonly type: 'GrantConfirmed' })
  | (Change & { readonly type: 'PublicityStarted'; readonly endsAt: Instant })
  | (Base & { readonly type: 'ObjectionRaised'; readonly objectionId: ObjectionId })
  | (Base & {
      readonly type: 'ObjectionResolved';
      readonly objectionId: ObjectionId;
      readonly upheld: boolean;
    })
  | (Change & { readonly type: 'PublicityClosed' })
  // the payment part: the payable sub-lifecycle's events (PayeeUpdated among them), its cancel named GrantCancelled
  | (Base & Exclude<PayableEventBody<GrantStatus>, { type: 'PayableCancelled' }>)
  | (Change & { readonly type: 'GrantCancelled'; readonly reason: string });

export type GrantEventType = GrantEvent['type'];
type GrantTransition = Transition<Grant, GrantEvent>;
type Draft = GrantEvent extends infer E
  ? E extends GrantEvent
    ? Omit<E, keyof Base>
    : never
  : never;

function emit(
  grant: Grant,
  by: Actor,
  now: Instant,
  patch: Partial<Grant>,
  drafts: Draft[],
): GrantTransition {
  const next: Grant = { ...grant, ...patch, version: grant.version + 1 };
  const base = { grantId: grant.id, by: actorRef(by), at: now, version: next.version };
  return { next, events: drafts.map((d) => ({ ...d, ...base })) };
}

function requireStatus(grant: Grant, allowed: readonly GrantStatus[], action: string): void {
  if (!allowed.includes(grant.status)) throw wrongState(GRANT_STATUS_LABELS[grant.status], action);
}

/** The one id a (policy, subject, period) grant can have. */
export function grantIdFor(policyId: PolicyId, subjectId: SubjectId, period: string): GrantId {
  return deterministicId('grant', policyId, subjectId, period);
}

export type DetectInput = {
  readonly policyId: PolicyId;
  readonly policyVersion: number;
  readonly subjectId: SubjectId;
  readonly period: string;
  /** The entitlement claim's period, taken in the same transaction that creates the grant. */
  readonly claimPeriod?: string;
  readonly department: DepartmentCode;
  readonly amountFen: Fen;
  readonly capFen: Fen;
  readonly publicityDays: number;
  /** The account already on file for the subject, if any. */
  readonly payee?: Payee;
  /** The facts the detection used, frozen by the caller (issue 14): kept on the grant. */
  readonly frozenFacts?: FrozenFacts;
  /** The date the rules were evaluated as of (the run's asOf): the audit trail explains by it. */
  readonly evaluatedOn?: string;
};

/** The auto-grant run found a subject the rules say is owed money. */
export function detectGrant(input: DetectInput, by: Actor, now: Instant): GrantTransition {
  requireSystem(by);
  const amountFen = fen(input.amountFen);
  if (amountFen <= 0) throw invalidInput('发放金额必须大于零');
  if (amountFen > input.capFen)
    throw new DomainError('OVER_CAP', '金额超过政策上限', { capFen: input.capFen });
  const seed: Grant = {
    id: grantIdFor(input.policyId, input.subjectId, input.period),
    policyId: input.policyId,
    policyVersion: input.policyVersion,
    subjectId: input.subjectId,
    period: input.period,
    ...(input.claimPeriod === undefined ? {} : { claimPeriod: input.claimPeriod }),
    department: input.department,
    amountFen,
    publicityDays: input.publicityDays,
    payee: input.payee,
    ...(input.frozenFacts ? { frozenFacts: input.frozenFacts } : {}),
    ...(input.evaluatedOn === undefined ? {} : { evaluatedOn: input.evaluatedOn }),
    status: 'detected',
    version: 0,
    detectedAt: now,
    ...NO_OBJECTIONS,
    paymentAttempt: 0,
  };
  const detected: Draft = {
    type: 'GrantDetected',
    from: null,
    to: 'detected',
    policyId: input.policyId,
    subjectId: input.subjectId,
    period: input.period,
    amountFen,
  };
  if (input.payee === undefined) {
    return emit(seed, by, now, { status: 'awaiting_confirmation' }, [
      detected,
      { type: 'ConfirmationRequested', from: 'detected', to: 'awaiting_confirmation' },
    ]);
  }
  const endsAt = addNaturalDaysAt(now, input.publicityDays);
  return emit(seed, by, now, { status: 'publicity', publicityEndsAt: endsAt }, [
    detected,
    { type: 'PublicityStarted', from: 'detected', to: 'publicity', endsAt },
  ]);
}

/**
 * The subject confirms its receiving account: awaiting_confirmation → publicity.
 * Until the payment starts (公示, 待拨付, after a 退票 or failure) it may change it (status
 * unchanged; the retry after a failure uses it); once paying or in a 支付批次 it is fixed
 * (WRONG_STATE, reason ACCOUNT_LOCKED).
 */
export function confirmAccount(
  grant: Grant,
  cmd: { readonly payee: Payee; readonly inBatch?: boolean },
  by: Actor,
  now: Instant,
): GrantTransition {
  requireOwner(by, grant.subjectId);
  if (grant.status === 'paying' || grant.status === 'paid')
    throw payable.accountLocked(grant.status);
  requireStatus(
    grant,
    [
      'awaiting_confirmation',
      'publicity',
      'payable',
      'returned',
      'payment_failed',
      'awaiting_account',
      'on_hold',
    ],
    '确认收款账户',
  );
  if (grant.status === 'publicity')
    return emit(grant, by, now, { payee: payable.checkPayee(cmd.payee) }, [
      { type: 'PayeeUpdated' },
    ]);
  if (grant.status !== 'awaiting_confirmation')
    return emitPayable(grant, by, now, payable.provideAccount(payablePartOf(grant), cmd));
  const payee = payable.checkPayee(cmd.payee);
  const endsAt = addNaturalDaysAt(now, grant.publicityDays);
  return emit(grant, by, now, { payee, status: 'publicity', publicityEndsAt: endsAt }, [
    { type: 'GrantConfirmed' },
    { type: 'PublicityStarted', from: 'awaiting_confirmation', to: 'publicity', endsAt },
  ]);
}

/** Anyone may object while the grant is announced; the objection is returned to be stored as its own item. */
export function raiseObjection(
  grant: Grant,
  cmd: NewObjection,
  by: Actor,
  now: Instant,
): GrantTransition & { readonly objection: Objection } {
  requireApplicant(by);
  requireStatus(grant, ['publicity'], '提出异议');
  if (grant.publicityEndsAt !== undefined && compareInstants(now, grant.publicityEndsAt) >= 0) {
    throw new DomainError('WRONG_STATE', '公示期已结束', { endsAt: grant.publicityEndsAt });
  }
  const { objection, counters } = newObjection(grant.id, grant, cmd, by, now);
  return {
    ...emit(grant, by, now, counters, [{ type: 'ObjectionRaised', objectionId: cmd.objectionId }]),
    objection,
  };
}

/**
 * A member of the public objects from the 公示 page (issue 14): as a signed-in objection, but
 * recorded by the public channel (the event's actor) with the objector's masked phone.
 */
export function raisePublicObjection(
  grant: Grant,
  cmd: NewObjection,
  objector: PublicObjector,
  now: Instant,
): GrantTransition & { readonly objection: Objection } {
  requireStatus(grant, ['publicity'], '提出异议');
  if (grant.publicityEndsAt !== undefined && compareInstants(now, grant.publicityEndsAt) >= 0) {
    throw new DomainError('WRONG_STATE', '公示期已结束', {
      reason: 'PUBLICITY_OVER',
      endsAt: grant.publicityEndsAt,
    });
  }
  const { objection, counters } = newPublicObjection(grant.id, grant, cmd, objector, now);
  const t = emit(grant, PUBLIC_OBJECTION_CHANNEL, now, counters, [
    { type: 'ObjectionRaised', objectionId: cmd.objectionId },
  ]);
  return { ...t, objection };
}

/** A reviewer of the paying department rules on an objection (never their own); upheld cancels the grant. */
export function resolveObjection(
  grant: Grant,
  objection: Objection | undefined,
  cmd: ObjectionRuling,
  by: Actor,
  now: Instant,
): GrantTransition & { readonly objection: Objection } {
  requireReviewer(by, grant.department);
  requireStatus(grant, ['publicity'], '处理异议');
  const ruled = ruleOnObjection(grant.id, grant, objection, cmd, by.userId, now);
  const resolved: Draft = {
    type: 'ObjectionResolved',
    objectionId: cmd.objectionId,
    upheld: cmd.upheld,
  };
  if (!cmd.upheld)
    return { ...emit(grant, by, now, ruled.counters, [resolved]), objection: ruled.objection };
  const t = emit(
    grant,
    by,
    now,
    { ...ruled.counters, status: 'cancelled', cancelReason: ruled.note },
    [resolved, { type: 'GrantCancelled', from: 'publicity', to: 'cancelled', reason: ruled.note }],
  );
  return { ...t, objection: ruled.objection };
}

export function closePublicity(grant: Grant, by: Actor, now: Instant): GrantTransition {
  requireSystem(by);
  requireStatus(grant, ['publicity'], '结束公示');
  requirePublicityOver(grant.publicityEndsAt, grant, now);
  return emit(grant, by, now, { status: 'payable' }, [
    { type: 'PublicityClosed', from: 'publicity', to: 'payable' },
  ]);
}

// ---- payment: delegated to the payable sub-lifecycle ------------------------------

const isPaymentStatus = (s: GrantStatus): s is (typeof GRANT_PAYMENT_STATUSES)[number] =>
  (GRANT_PAYMENT_STATUSES as readonly string[]).includes(s);

export function payablePartOf(grant: Grant): PayablePart {
  if (!isPaymentStatus(grant.status)) throw wrongState(GRANT_STATUS_LABELS[grant.status], '拨付');
  return {
    status: grant.status,
    amountFen: grant.amountFen,
    payee: grant.payee,
    paymentAttempt: grant.paymentAttempt,
    attemptFloor: grant.attemptFloor,
    paymentId: grant.paymentId,
    paymentFailure: grant.paymentFailure,
    paidAt: grant.paidAt,
    holdReason: grant.holdReason,
    cancelReason: grant.cancelReason,
  };
}

function emitPayable(grant: Grant, by: Actor, now: Instant, step: PayableStep): GrantTransition {
  const drafts = step.drafts.map((d): Draft =>
    d.type === 'PayableCancelled' ? { ...d, type: 'GrantCancelled' } : (d as Draft),
  );
  return emit(grant, by, now, step.patch, drafts);
}

/** payable → paying, or payment_failed → paying (retry); idempotency key `paymentIdempotencyKey(grantId, attempt)`. */
export function disburse(
  grant: Grant,
  cmd: { readonly paymentId: PaymentId },
  by: Actor,
  now: Instant,
): GrantTransition {
  if (grant.status === 'returned') throw wrongState(GRANT_STATUS_LABELS[grant.status], '拨付');
  return emitPayable(grant, by, now, payable.startPayment(payablePartOf(grant), cmd, by));
}

/** 补发: returned (退票) → paying with a new payment, usually after the payee corrected the account. */
export function reissue(
  grant: Grant,
  cmd: { readonly paymentId: PaymentId },
  by: Actor,
  now: Instant,
): GrantTransition {
  if (grant.status !== 'returned') throw wrongState(GRANT_STATUS_LABELS[grant.status], '补发');
  return emitPayable(grant, by, now, payable.startPayment(payablePartOf(grant), cmd, by));
}

export type GrantSettlement = payable.PayableSettlement;

/** paying → paid | payment_failed | returned (| on_hold once the retry budget is spent; DESIGN §5). */
export function settle(
  grant: Grant,
  outcome: GrantSettlement,
  by: Actor,
  now: Instant,
): GrantTransition {
  return emitPayable(grant, by, now, payable.settlePayment(payablePartOf(grant), outcome, by, now));
}

/** No receiving account: park out of the due index until the subject gives one. */
export function parkForAccount(grant: Grant, by: Actor, now: Instant): GrantTransition {
  return emitPayable(grant, by, now, payable.parkForAccount(payablePartOf(grant), by));
}

/** Operator: correct the account (reason required) and retry at once; releases a hold. */
export function correctAccount(
  grant: Grant,
  cmd: { readonly payee: Payee; readonly reason: string },
  by: Actor,
  now: Instant,
): GrantTransition {
  return emitPayable(grant, by, now, payable.correctAccount(payablePartOf(grant), cmd, by));
}

export function hold(
  grant: Grant,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): GrantTransition {
  return emitPayable(grant, by, now, payable.hold(payablePartOf(grant), cmd, by));
}

export function release(
  grant: Grant,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): GrantTransition {
  return emitPayable(grant, by, now, payable.release(payablePartOf(grant), cmd, by));
}

/**
 * An operator gives up, with a reason: never confirmed (no budget reserved yet), or any
 * payable state (the repository releases the budget).
 */
export function cancel(
  grant: Grant,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): GrantTransition {
  if (grant.status !== 'awaiting_confirmation')
    return emitPayable(grant, by, now, payable.cancel(payablePartOf(grant), cmd, by));
  requireAdmin(by);
  const reason = requireText(cmd.reason, '取消原因');
  return emit(grant, by, now, { status: 'cancelled', cancelReason: reason }, [
    { type: 'GrantCancelled', from: grant.status, to: 'cancelled', reason },
  ]);
}
