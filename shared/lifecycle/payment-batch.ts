/**
 * 支付批次 (finance sign-off, issue #10): a policy with `financeSignoff` pays only items that
 * are in a batch approved by a 财政局 level-2 reviewer who decided none of its items.
 *
 *   (new) ──create (admin)──→ pending_approval ──approve (finance L2, four eyes)──→ approved
 *                                    └──────────reject (finance L2, reason)────────→ rejected
 *
 * - The batch freezes its items (kind, id, amount, masked payee) and, for each, the users who
 *   decided it (an application's level-1 and final deciders; a 免申即享 grant has none).
 * - Four eyes: an approver who decided any item is refused (FORBIDDEN, reason FOUR_EYES).
 *   Rejecting needs no such rule (it pays nothing); the items may be batched again.
 * - A batch holds at most MAX_BATCH_ITEMS items: its creation, approval and rejection each
 *   move the batch and every item's membership in ONE DynamoDB transaction (100 writes).
 * - Pure: the repository stores state + events; the service loads, calls one function, saves.
 */
import type { Actor, ReviewerActor } from '../actor';
import { actorRef } from '../actor';
import type { Instant } from '../calendar';
import { DomainError, forbidden, wrongState } from '../errors';
import type { PaymentBatchId, PolicyId, UserId } from '../ids';
import { maskBankAccount } from '../mask';
import type { Fen } from '../money';
import type { PayableKind } from '../payment';
import { requireText, type EventBase, type StatusChange } from './common';
import { requireAdmin } from './guards';

import {
  PAYMENT_BATCH_STATUS_LABELS,
  PAYMENT_BATCH_STATUSES,
  type PaymentBatchStatus,
} from '../vocabulary/status';

// the statuses and their labels are one vocabulary (shared/vocabulary/status.ts)
export { PAYMENT_BATCH_STATUSES, PAYMENT_BATCH_STATUS_LABELS, type PaymentBatchStatus };

export const PAYMENT_BATCH_TRANSITIONS: Readonly<
  Record<PaymentBatchStatus, readonly PaymentBatchStatus[]>
> = {
  pending_approval: ['approved', 'rejected'],
  approved: [],
  rejected: [],
};

/** State + one event + one membership write per item = 100, DynamoDB's transaction limit. */
export const MAX_BATCH_ITEMS = 98;

/** The department and level that sign off (县财政局, level 2). */
export const SIGNOFF_DEPARTMENT = 'finance' as const;
export const SIGNOFF_LEVEL = 2 as const;

export type BatchItem = {
  readonly kind: PayableKind;
  readonly id: string;
  readonly amountFen: Fen;
  /** already masked (张*, enterprise names in full) */
  readonly payeeName: string;
  /** `****1234` */
  readonly accountMasked: string;
  readonly bankName: string;
  /** users who decided the item (four eyes); empty for a grant */
  readonly deciders: readonly UserId[];
};

export type PaymentBatch = {
  readonly id: PaymentBatchId;
  readonly policyId: PolicyId;
  readonly status: PaymentBatchStatus;
  readonly items: readonly BatchItem[];
  readonly totalFen: Fen;
  readonly createdAt: Instant;
  readonly createdBy: UserId;
  readonly decidedAt?: Instant;
  readonly decidedBy?: UserId;
  /** the approver's note, or the reason it was sent back */
  readonly decisionNote?: string;
  readonly version: number;
};

type Body =
  | (StatusChange<PaymentBatchStatus> & {
      readonly type: 'PaymentBatchCreated';
      readonly itemCount: number;
      readonly totalFen: Fen;
    })
  | (StatusChange<PaymentBatchStatus> & {
      readonly type: 'PaymentBatchApproved';
      readonly note?: string;
    })
  | (StatusChange<PaymentBatchStatus> & {
      readonly type: 'PaymentBatchRejected';
      readonly reason: string;
    });
export type PaymentBatchEvent = Body & EventBase & { readonly batchId: PaymentBatchId };
export type PaymentBatchTransition = {
  readonly next: PaymentBatch;
  readonly events: readonly PaymentBatchEvent[];
};

function emit(
  b: PaymentBatch,
  by: Actor,
  now: Instant,
  patch: Partial<PaymentBatch>,
  drafts: readonly Body[],
  base = b.version,
): PaymentBatchTransition {
  const next: PaymentBatch = { ...b, ...patch, version: base + 1 };
  return {
    next,
    events: drafts.map((d) => ({
      ...d,
      batchId: b.id,
      by: actorRef(by),
      at: now,
      version: next.version,
    })),
  };
}

/** Whether payments of a policy go out only in an approved 支付批次 (absent means no). */
export const requiresSignoff = (
  policy: { readonly financeSignoff?: boolean } | undefined,
): boolean => policy?.financeSignoff === true;

/** A batch is made only for a policy that needs sign-off (reason NO_SIGNOFF_REQUIRED). */
export function requireSignoffPolicy(policy: {
  readonly id: string;
  readonly financeSignoff?: boolean;
}): void {
  if (!requiresSignoff(policy))
    throw new DomainError('NOT_ELIGIBLE', '该政策的拨付不需要财政审批批次', {
      reason: 'NO_SIGNOFF_REQUIRED',
      policyId: policy.id,
    });
}

/** The payee's name as a batch lists it: a person's masked to the surname (张*), an enterprise's in full. */
export function batchPayeeName(accountName: string, subjectKind: 'enterprise' | 'person'): string {
  if (subjectKind !== 'person') return accountName;
  const chars = Array.from(accountName);
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** A payable item as a batch sees it. */
export type BatchCandidate = {
  readonly kind: PayableKind;
  readonly id: string;
  readonly amountFen: Fen;
  readonly status?: string;
  readonly payee?: {
    readonly accountName: string;
    readonly bankName: string;
    readonly accountNumber: string;
  };
};

/** Only an item that is `payable`, has a receiving account and an amount above zero goes into a batch. */
export const isBatchable = (
  item: BatchCandidate,
): item is BatchCandidate & { readonly payee: NonNullable<BatchCandidate['payee']> } =>
  item.status === 'payable' && item.payee !== undefined && item.amountFen > 0;

/** The batch line of a payable item, or undefined when it cannot be batched (`isBatchable`). */
export function batchItemOf(
  item: BatchCandidate,
  subjectKind: 'enterprise' | 'person',
  deciders: readonly UserId[],
): BatchItem | undefined {
  if (!isBatchable(item)) return undefined;
  return {
    kind: item.kind,
    id: item.id,
    amountFen: item.amountFen,
    payeeName: batchPayeeName(item.payee.accountName, subjectKind),
    accountMasked: maskBankAccount(item.payee.accountNumber),
    bankName: item.payee.bankName,
    deciders,
  };
}

export const nothingToBatch = () =>
  new DomainError('NOT_ELIGIBLE', '没有可纳入批次的待拨付事项', { reason: 'NOTHING_TO_BATCH' });
export const tooManyItems = () =>
  new DomainError('INVALID_INPUT', `一个批次最多${MAX_BATCH_ITEMS}笔`, {
    reason: 'TOO_MANY_ITEMS',
    max: MAX_BATCH_ITEMS,
  });

/** A 财政局 level-2 reviewer: who may read, approve and reject batches (admins may read and create). */
export function requireFinanceL2(actor: Actor): asserts actor is ReviewerActor {
  if (actor.kind !== 'reviewer')
    throw forbidden('只有财政局二级审核人员可以审批支付批次', { reason: 'NOT_REVIEWER' });
  if (actor.department !== SIGNOFF_DEPARTMENT)
    throw forbidden('支付批次由财政局审批', { reason: 'NOT_FINANCE' });
  if (actor.level !== SIGNOFF_LEVEL)
    throw forbidden('支付批次需要二级审核人员审批', {
      reason: 'WRONG_LEVEL',
      required: SIGNOFF_LEVEL,
    });
}

/** Admins, and 财政局 level-2 reviewers, may see batches. */
export function requireBatchReader(actor: Actor): void {
  if (actor.kind === 'admin') return;
  requireFinanceL2(actor);
}

/** Whether this actor decided one of the batch's items (four eyes). */
export const decidedAnItem = (b: Pick<PaymentBatch, 'items'>, userId: UserId): boolean =>
  b.items.some((i) => i.deciders.includes(userId));

/** For the reviewer's page: may this actor approve it now? */
export function canDecide(b: PaymentBatch, actor: Actor): boolean {
  return (
    b.status === 'pending_approval' &&
    actor.kind === 'reviewer' &&
    actor.department === SIGNOFF_DEPARTMENT &&
    actor.level === SIGNOFF_LEVEL &&
    !decidedAnItem(b, actor.userId)
  );
}

export type CreateBatchInput = {
  readonly id: PaymentBatchId;
  readonly policyId: PolicyId;
  readonly items: readonly BatchItem[];
};

/** Admin: a batch of the policy's payable items (the service picks those in no open batch). */
export function createBatch(
  input: CreateBatchInput,
  by: Actor,
  now: Instant,
): PaymentBatchTransition {
  requireAdmin(by);
  if (input.items.length === 0) throw nothingToBatch();
  if (input.items.length > MAX_BATCH_ITEMS) throw tooManyItems();
  if (new Set(input.items.map((i) => `${i.kind}#${i.id}`)).size !== input.items.length) {
    throw new DomainError('INVALID_INPUT', '批次中有重复的事项', { reason: 'DUPLICATE_ITEM' });
  }
  if (input.items.some((i) => !Number.isInteger(i.amountFen) || i.amountFen <= 0)) {
    throw new DomainError('INVALID_INPUT', '批次金额必须为正整数（分）', { reason: 'BAD_AMOUNT' });
  }
  const totalFen = input.items.reduce((s, i) => s + i.amountFen, 0) as Fen;
  const draft: PaymentBatch = {
    id: input.id,
    policyId: input.policyId,
    status: 'pending_approval',
    items: input.items,
    totalFen,
    createdAt: now,
    createdBy: by.userId,
    version: 0,
  };
  return emit(draft, by, now, {}, [
    {
      type: 'PaymentBatchCreated',
      from: null,
      to: 'pending_approval',
      itemCount: input.items.length,
      totalFen,
    },
  ]);
}

function requirePending(b: PaymentBatch, action: string): void {
  if (b.status !== 'pending_approval')
    throw wrongState(PAYMENT_BATCH_STATUS_LABELS[b.status], action);
}

/** Finance L2 who decided none of its items: pending_approval → approved. */
export function approveBatch(
  b: PaymentBatch,
  cmd: { readonly note?: string },
  by: Actor,
  now: Instant,
): PaymentBatchTransition {
  requireFinanceL2(by);
  requirePending(b, '批准支付批次');
  if (decidedAnItem(b, by.userId)) {
    throw forbidden('您审核过本批次中的事项，不能审批该批次（双人复核）', { reason: 'FOUR_EYES' });
  }
  const note =
    cmd.note === undefined || cmd.note.trim() === ''
      ? undefined
      : requireText(cmd.note, '审批意见');
  return emit(
    b,
    by,
    now,
    { status: 'approved', decidedAt: now, decidedBy: by.userId, decisionNote: note },
    [
      {
        type: 'PaymentBatchApproved',
        from: 'pending_approval',
        to: 'approved',
        ...(note ? { note } : {}),
      },
    ],
  );
}

/** Finance L2, with a reason: pending_approval → rejected; its items are free to be batched again. */
export function rejectBatch(
  b: PaymentBatch,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): PaymentBatchTransition {
  requireFinanceL2(by);
  requirePending(b, '退回支付批次');
  const reason = requireText(cmd.reason, '退回原因');
  return emit(
    b,
    by,
    now,
    { status: 'rejected', decidedAt: now, decidedBy: by.userId, decisionNote: reason },
    [{ type: 'PaymentBatchRejected', from: 'pending_approval', to: 'rejected', reason }],
  );
}
