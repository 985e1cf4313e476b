/**
 * Budget lines (专账, issue #11): the contract shared by the functions and the mini-app's
 * admin page. Money in integer fen; the page shows yuan with formatFen.
 *
 *   GET  /v1/admin/budget-lines                         admin, auditor → {items: BudgetLineView[]}
 *   GET  /v1/admin/budget-lines/{policyId}/{fiscalYear} admin, auditor → BudgetLineDetail (journal, pending changes)
 *   GET  /v1/admin/budget-changes?status=requested      admin, auditor → {items: BudgetChangeView[]}
 *   POST /v1/admin/budget-changes                       admin → 201 BudgetChangeView (requested; nothing moves yet)
 *   POST /v1/admin/budget-changes/{id}/approve          another admin (four eyes) → BudgetChangeView (the lines move)
 *   POST /v1/admin/budget-changes/{id}/reject           {reason} any admin → BudgetChangeView
 *
 * Refusals: 422 BUDGET_EXHAUSTED reason BELOW_COMMITTED (a cut or transfer out below what is
 * reserved + paid), 403 FORBIDDEN reason FOUR_EYES (approving one's own request), 404
 * NO_BUDGET_LINE, 409 WRONG_STATE (already decided).
 */
import { z } from 'zod';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../budget';
import { BUDGET_CHANGE_KINDS, BUDGET_CHANGE_STATUSES } from '../lifecycle/budget-change';
import { PolicyKey } from './common';

export const FiscalYear = z.coerce
  .number()
  .int('预算年度必须是整数')
  .min(MIN_FISCAL_YEAR, '预算年度无效')
  .max(MAX_FISCAL_YEAR, '预算年度无效');

export const BudgetChangeKind = z.enum(BUDGET_CHANGE_KINDS);
export const BudgetChangeStatus = z.enum(BUDGET_CHANGE_STATUSES);

export const BudgetLineParams = z.object({ policyId: PolicyKey, fiscalYear: FiscalYear });
export const BudgetChangeIdParams = z.object({
  id: z.string().regex(/^bch_[0-9a-f]{32}$/, '不是有效的预算调整编号'),
});
export const BudgetChangesQuery = z.object({ status: BudgetChangeStatus.optional() }).strict();

const Amount = z
  .number()
  .int('金额必须是整数（分）')
  .positive('金额必须大于0')
  .max(Number.MAX_SAFE_INTEGER);
const Text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过${String(max)}字`);

const LineChange = z.object({
  policyId: PolicyKey,
  fiscalYear: z.number().int().min(MIN_FISCAL_YEAR).max(MAX_FISCAL_YEAR),
  amountFen: Amount,
  reason: Text('调整事由', 500),
  /** 文号, e.g. 高财预〔2026〕12号 */
  documentNo: Text('文号', 100),
});

export const RequestBudgetChangeBody = z.discriminatedUnion('kind', [
  LineChange.extend({ kind: z.literal('top_up') }).strict(),
  LineChange.extend({ kind: z.literal('cut') }).strict(),
  LineChange.extend({
    kind: z.literal('transfer'),
    toPolicyId: PolicyKey,
    toFiscalYear: z.number().int().min(MIN_FISCAL_YEAR).max(MAX_FISCAL_YEAR),
  }).strict(),
]);
export type RequestBudgetChangeBody = z.infer<typeof RequestBudgetChangeBody>;

export const RejectBudgetChangeBody = z.object({ reason: Text('驳回理由', 500) }).strict();
export type RejectBudgetChangeBody = z.infer<typeof RejectBudgetChangeBody>;

export const BudgetLineView = z.object({
  policyId: z.string(),
  policyTitle: z.string(),
  fiscalYear: z.number().int(),
  allocatedFen: z.number().int(),
  reservedFen: z.number().int(),
  paidFen: z.number().int(),
  remainingFen: z.number().int(),
});
export type BudgetLineView = z.infer<typeof BudgetLineView>;

const LineRef = z.object({ policyId: z.string(), fiscalYear: z.number().int() });

export const JournalEntryView = z.object({
  at: z.string(),
  kind: z.enum(['opening', 'policy_budget', ...BUDGET_CHANGE_KINDS]),
  kindLabel: z.string(),
  /** signed fen: + adds to the allocation */
  deltaFen: z.number().int(),
  reason: z.string(),
  documentNo: z.string().optional(),
  changeId: z.string().optional(),
  requestedBy: z.string().optional(),
  approvedBy: z.string().optional(),
  /** the other line of a transfer, with its policy's title (people read titles, never ids) */
  counterpart: LineRef.extend({ policyTitle: z.string() }).optional(),
});
export type JournalEntryView = z.infer<typeof JournalEntryView>;

export const BudgetChangeView = z.object({
  id: z.string(),
  kind: BudgetChangeKind,
  kindLabel: z.string(),
  policyId: z.string(),
  /** the policy's Chinese title: what the page shows (issue #17) */
  policyTitle: z.string(),
  fiscalYear: z.number().int(),
  toPolicyId: z.string().optional(),
  toPolicyTitle: z.string().optional(),
  toFiscalYear: z.number().int().optional(),
  amountFen: z.number().int(),
  reason: z.string(),
  documentNo: z.string(),
  status: BudgetChangeStatus,
  statusLabel: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  rejectionReason: z.string().optional(),
  /** whether the caller may approve it (an admin other than the requester, while requested) */
  canApprove: z.boolean(),
});
export type BudgetChangeView = z.infer<typeof BudgetChangeView>;

export const BudgetLineList = z.object({ items: z.array(BudgetLineView) });
export type BudgetLineList = z.infer<typeof BudgetLineList>;
export const BudgetChangeList = z.object({ items: z.array(BudgetChangeView) });
export type BudgetChangeList = z.infer<typeof BudgetChangeList>;

export const BudgetLineDetail = z.object({
  line: BudgetLineView,
  journal: z.array(JournalEntryView),
  /** changes waiting for approval that touch this line */
  pending: z.array(BudgetChangeView),
});
export type BudgetLineDetail = z.infer<typeof BudgetLineDetail>;
