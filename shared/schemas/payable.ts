/** Bodies of the operator commands on payable items (/v1/admin/payables), shared by the functions and the mini-app. */
import { z } from 'zod';
import {
  PAYABLE_STATUS_LABELS,
  PayableKind,
  RECOVERY_STATUSES,
  RecoveryStatus,
} from '../vocabulary';

export { PayableKind };

const ID_PREFIX: Record<PayableKind, string> = {
  application: 'app_',
  grant: 'grt_',
  loan_interest: 'int_',
};

/** `{kind}/{id}`: the id must be of that kind (an application id under `grant` is a 400, not a 404). */
export const PayableParams = z
  .object({
    kind: PayableKind,
    id: z.string().regex(/^[a-z]{3}_[0-9A-Za-z_.~-]{1,200}$/, '不是有效的编号'),
  })
  .refine((p) => p.id.startsWith(ID_PREFIX[p.kind]), {
    error: '编号与事项类型不符',
    path: ['id'],
  });
export type PayableParams = z.infer<typeof PayableParams>;

/** Every operator command carries its reason; it lands in the audit event. */
const Reason = z.string().trim().min(1, '请填写原因').max(500, '原因不能超过500字');
export const PayableReasonBody = z.object({ reason: Reason });
export type PayableReasonBody = z.infer<typeof PayableReasonBody>;

/** Correct the receiving account and retry: the account (digits only once spaces and hyphens are dropped) and why. */
export const CorrectAccountBody = z.object({
  reason: Reason,
  accountName: z.string().trim().min(1).max(100),
  bankName: z.string().trim().min(1).max(100),
  accountNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, '收款账号应为8–30位数字')),
});
export type CorrectAccountBody = z.infer<typeof CorrectAccountBody>;

export const PayableCommandView = z.object({
  kind: PayableKind,
  id: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  version: z.number().int(),
  /** `****1234`, never the full number */
  accountMasked: z.string().optional(),
});
export type PayableCommandView = z.infer<typeof PayableCommandView>;

export const payableStatusLabel = (status: string): string =>
  (PAYABLE_STATUS_LABELS as Record<string, string>)[status] ?? status;

// ---- 追回 (recovery) -------------------------------------------------------------------

export const RecoveryIdParams = z.object({
  id: z.string().regex(/^rcv_[0-9A-Za-z_.~-]{1,250}$/, '不是有效的追回编号'),
});

/** Open a recovery on a paid item: how much (integer fen, ≤ what was paid) and why. */
export const OpenRecoveryBody = z.object({
  amountFen: z
    .number()
    .int('金额必须是整数（分）')
    .positive('追回金额必须大于零')
    .max(Number.MAX_SAFE_INTEGER),
  reason: Reason,
});
export type OpenRecoveryBody = z.infer<typeof OpenRecoveryBody>;

/** The money came back: how (bank slip, 缴款书 number …). */
export const RecoveredBody = z.object({ note: Reason });
export type RecoveredBody = z.infer<typeof RecoveredBody>;

/** The recovery statuses (shared/vocabulary), under the name the admin pages import. */
export const RECOVERY_VIEW_STATUSES = RECOVERY_STATUSES;
export const RecoveryView = z.object({
  id: z.string(),
  itemKind: PayableKind,
  itemId: z.string(),
  status: RecoveryStatus,
  statusLabel: z.string(),
  paidFen: z.number().int(),
  amountFen: z.number().int(),
  reason: z.string(),
  openedAt: z.string(),
  closedAt: z.string().optional(),
  closeNote: z.string().optional(),
});
export type RecoveryView = z.infer<typeof RecoveryView>;

// ---- the operator's lists ----------------------------------------------------------------

/** What an operator works through: parked (no account), held, and the due/failed items. */
export const LISTED_PAYABLE_STATUSES = [
  'awaiting_account',
  'on_hold',
  'payable',
  'payment_failed',
  'returned',
] as const;
export const PayablesQuery = z.object({
  kind: PayableKind,
  status: z.enum(LISTED_PAYABLE_STATUSES),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type PayablesQuery = z.infer<typeof PayablesQuery>;

export const PayableItemView = z.object({
  kind: PayableKind,
  id: z.string(),
  policyId: z.string(),
  amountFen: z.number().int(),
  status: z.string(),
  statusLabel: z.string(),
  /** payment attempts so far (the idempotency keys used) */
  attempts: z.number().int(),
  holdReason: z.string().optional(),
  paymentFailure: z.string().optional(),
  /** `****1234`, never the full number */
  accountMasked: z.string().optional(),
});
export type PayableItemView = z.infer<typeof PayableItemView>;
export const PayableItemPage = z.object({
  items: z.array(PayableItemView),
  nextCursor: z.string().optional(),
});
export type PayableItemPage = z.infer<typeof PayableItemPage>;
