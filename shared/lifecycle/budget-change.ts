/**
 * A change to budget lines (专账 journal, DESIGN §12): a top-up (追加), a cut (核减) or a
 * transfer between two lines (调剂), each with its reason and document number (文号).
 *
 *   (new) ──request (admin)──→ requested ──approve (another admin: four eyes)──→ approved
 *                                  └────────reject (any admin, reason)─────────→ rejected
 *
 * - Four eyes: the approver must be an admin other than the requester (FORBIDDEN, reason
 *   FOUR_EYES). DESIGN §2 gives budgets to admins ("publish/retire policies and their
 *   budgets") and §12 asks that author and publisher be different people; a budget change is
 *   the same act as publishing a policy's budget, so it takes the same two admins. (Payments,
 *   not allocations, take the 财政局 level-2 sign-off of shared/lifecycle/payment-batch.ts.)
 * - Money is never moved by the request: only approval moves the lines, in the same
 *   transaction as the change and its journal entries, conditioned on the lines (a cut or the
 *   outgoing side of a transfer only while `remainingFen` covers it).
 * - A cut below what is committed (reserved + paid) is refused at request and at approval
 *   (BUDGET_EXHAUSTED, reason BELOW_COMMITTED, 422).
 * - Pure: the service loads the change and its lines, calls one function, saves.
 */
import type { Actor } from '../actor';
import { actorRef } from '../actor';
import {
  lineLabel,
  requireFiscalYear,
  requireUncommitted,
  type BudgetLine,
  type BudgetLineRef,
} from '../budget';
import type { Instant } from '../calendar';
import { DomainError, forbidden, wrongState } from '../errors';
import type { UserId } from '../ids';
import type { Fen } from '../money';
import { requireText, type EventBase, type StatusChange } from './common';
import { requireAdmin } from './guards';

export const BUDGET_CHANGE_KINDS = ['top_up', 'cut', 'transfer'] as const;
export type BudgetChangeKind = (typeof BUDGET_CHANGE_KINDS)[number];

export const BUDGET_CHANGE_KIND_LABELS: Record<BudgetChangeKind, string> = {
  top_up: '追加',
  cut: '核减',
  transfer: '调剂',
};

export const BUDGET_CHANGE_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type BudgetChangeStatus = (typeof BUDGET_CHANGE_STATUSES)[number];

export const BUDGET_CHANGE_TRANSITIONS: Readonly<
  Record<BudgetChangeStatus, readonly BudgetChangeStatus[]>
> = {
  requested: ['approved', 'rejected'],
  approved: [],
  rejected: [],
};

export const BUDGET_CHANGE_STATUS_LABELS: Record<BudgetChangeStatus, string> = {
  requested: '待审批',
  approved: '已生效',
  rejected: '已驳回',
};

export type BudgetChangeId = `bch_${string}`;

export const MAX_DOCUMENT_NO = 100;

export type BudgetChange = {
  readonly id: BudgetChangeId;
  readonly kind: BudgetChangeKind;
  /** The line topped up or cut; for a transfer, the line the money leaves. */
  readonly line: BudgetLineRef;
  /** A transfer's receiving line. */
  readonly toLine?: BudgetLineRef;
  readonly amountFen: Fen;
  readonly reason: string;
  /** 文号 of the document that decides it, e.g. 高财预〔2026〕12号. */
  readonly documentNo: string;
  readonly status: BudgetChangeStatus;
  readonly requestedBy: UserId;
  readonly requestedAt: Instant;
  readonly decidedBy?: UserId;
  readonly decidedAt?: Instant;
  readonly rejectionReason?: string;
  readonly version: number;
};

type Body =
  | (StatusChange<BudgetChangeStatus> & {
      readonly type: 'BudgetChangeRequested';
      readonly kind: BudgetChangeKind;
      readonly amountFen: Fen;
      readonly documentNo: string;
    })
  | (StatusChange<BudgetChangeStatus> & { readonly type: 'BudgetChangeApproved' })
  | (StatusChange<BudgetChangeStatus> & {
      readonly type: 'BudgetChangeRejected';
      readonly reason: string;
    });
export type BudgetChangeEvent = Body & EventBase & { readonly changeId: BudgetChangeId };
export type BudgetChangeTransition = {
  readonly next: BudgetChange;
  readonly events: readonly BudgetChangeEvent[];
};

function emit(
  c: BudgetChange,
  by: Actor,
  now: Instant,
  patch: Partial<BudgetChange>,
  body: Body,
): BudgetChangeTransition {
  const next: BudgetChange = { ...c, ...patch, version: c.version + 1 };
  const event = { ...body, changeId: c.id, by: actorRef(by), at: now, version: next.version };
  return { next, events: [event] };
}

export type RequestBudgetChange = {
  readonly id: BudgetChangeId;
  readonly kind: BudgetChangeKind;
  readonly line: BudgetLineRef;
  readonly toLine?: BudgetLineRef;
  readonly amountFen: number;
  readonly reason: string;
  readonly documentNo: string;
};

/** The lines a change touches, as they stand now. */
export type ChangeLines = { readonly line: BudgetLine; readonly toLine?: BudgetLine };

const sameLine = (a: BudgetLineRef, b: BudgetLineRef) =>
  a.policyId === b.policyId && a.fiscalYear === b.fiscalYear;

function checkLines(c: Pick<BudgetChange, 'kind' | 'amountFen'>, lines: ChangeLines): void {
  if (c.kind === 'cut' || c.kind === 'transfer') requireUncommitted(lines.line, c.amountFen);
}

/** Admin: asks for a change; nothing moves until another admin approves it. */
export function requestBudgetChange(
  input: RequestBudgetChange,
  lines: ChangeLines,
  by: Actor,
  now: Instant,
): BudgetChangeTransition {
  requireAdmin(by);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new DomainError('INVALID_INPUT', '金额必须为正整数（分）', { reason: 'BAD_AMOUNT' });
  }
  requireFiscalYear(input.line.fiscalYear);
  if (input.kind === 'transfer') {
    if (!input.toLine || !lines.toLine) {
      throw new DomainError('INVALID_INPUT', '调剂须指明调入的预算线', {
        reason: 'NO_TARGET_LINE',
      });
    }
    requireFiscalYear(input.toLine.fiscalYear);
    if (sameLine(input.line, input.toLine)) {
      throw new DomainError('INVALID_INPUT', '调出与调入不能是同一条预算线', {
        reason: 'SAME_LINE',
        line: lineLabel(input.line),
      });
    }
  } else if (input.toLine) {
    throw new DomainError('INVALID_INPUT', '只有调剂需要调入预算线', {
      reason: 'UNEXPECTED_TARGET',
    });
  }
  const reason = requireText(input.reason, '调整事由');
  const documentNo = requireText(input.documentNo, '文号', MAX_DOCUMENT_NO);
  const amountFen = input.amountFen as Fen;
  checkLines({ kind: input.kind, amountFen }, lines);
  const draft: BudgetChange = {
    id: input.id,
    kind: input.kind,
    line: input.line,
    ...(input.kind === 'transfer' && input.toLine ? { toLine: input.toLine } : {}),
    amountFen,
    reason,
    documentNo,
    status: 'requested',
    requestedBy: by.userId,
    requestedAt: now,
    version: 0,
  };
  return emit(
    draft,
    by,
    now,
    {},
    {
      type: 'BudgetChangeRequested',
      from: null,
      to: 'requested',
      kind: input.kind,
      amountFen,
      documentNo,
    },
  );
}

/** Another admin approves: the lines move (the repository conditions them again). */
export function approveBudgetChange(
  c: BudgetChange,
  lines: ChangeLines,
  by: Actor,
  now: Instant,
): BudgetChangeTransition {
  requireAdmin(by);
  if (c.status !== 'requested') throw wrongState(BUDGET_CHANGE_STATUS_LABELS[c.status], '审批');
  if (c.requestedBy === by.userId) {
    throw forbidden('预算调整须由另一名管理员审批（申请人不能审批自己的申请）', {
      reason: 'FOUR_EYES',
    });
  }
  checkLines(c, lines);
  return emit(
    c,
    by,
    now,
    { status: 'approved', decidedBy: by.userId, decidedAt: now },
    { type: 'BudgetChangeApproved', from: 'requested', to: 'approved' },
  );
}

/** Any admin (the requester too, to withdraw it) turns it down, with a reason; nothing moves. */
export function rejectBudgetChange(
  c: BudgetChange,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): BudgetChangeTransition {
  requireAdmin(by);
  if (c.status !== 'requested') throw wrongState(BUDGET_CHANGE_STATUS_LABELS[c.status], '驳回');
  const reason = requireText(cmd.reason, '驳回理由');
  return emit(
    c,
    by,
    now,
    { status: 'rejected', decidedBy: by.userId, decidedAt: now, rejectionReason: reason },
    { type: 'BudgetChangeRejected', from: 'requested', to: 'rejected', reason },
  );
}

/** One journal line per budget line the approved change moves (a transfer moves two). */
export type JournalEntry = {
  readonly line: BudgetLineRef;
  /** signed: + adds to the allocation, − takes from it */
  readonly deltaFen: number;
  readonly kind: BudgetChangeKind | 'opening' | 'policy_budget';
  readonly changeId?: BudgetChangeId;
  readonly counterpart?: BudgetLineRef;
  readonly reason: string;
  readonly documentNo?: string;
  readonly requestedBy?: UserId;
  readonly approvedBy?: UserId;
  readonly at: Instant;
};

export function journalOf(c: BudgetChange): JournalEntry[] {
  if (c.status !== 'approved' || !c.decidedAt) return [];
  const base = {
    kind: c.kind,
    changeId: c.id,
    reason: c.reason,
    documentNo: c.documentNo,
    requestedBy: c.requestedBy,
    ...(c.decidedBy ? { approvedBy: c.decidedBy } : {}),
    at: c.decidedAt,
  };
  switch (c.kind) {
    case 'top_up':
      return [{ ...base, line: c.line, deltaFen: c.amountFen }];
    case 'cut':
      return [{ ...base, line: c.line, deltaFen: 0 - c.amountFen }];
    case 'transfer':
      if (!c.toLine) return [];
      return [
        { ...base, line: c.line, deltaFen: 0 - c.amountFen, counterpart: c.toLine },
        { ...base, line: c.toLine, deltaFen: c.amountFen, counterpart: c.line },
      ];
  }
}
