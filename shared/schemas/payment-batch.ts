/**
 * 支付批次 (finance sign-off, issue #10): a policy may require that its payments go out only
 * in a batch approved by a 财政局 level-2 reviewer who decided none of its items. The
 * contract shared by the functions and the mini-app's admin and reviewer pages.
 *
 *   POST /v1/admin/payment-batches                {policyId}           admin → 201 PaymentBatchDetail
 *        (every payable item of the policy not yet in a batch; 422 NOTHING_TO_BATCH when none)
 *   GET  /v1/admin/payment-batches?status&cursor  admin, finance reviewer L2 → PaymentBatchPage
 *   GET  /v1/admin/payment-batches/{id}           admin, finance reviewer L2 → PaymentBatchDetail
 *   POST /v1/payment-batches/{id}/approve         {note?}   finance reviewer L2 who decided none of its items → PaymentBatchDetail
 *   POST /v1/payment-batches/{id}/reject          {reason}  finance reviewer L2 → PaymentBatchDetail (items may be batched again)
 */
import { z } from 'zod';
import { PaymentBatchStatus } from '../vocabulary';
import { PayableKind } from './payable';

export {
  PAYMENT_BATCH_STATUSES,
  PAYMENT_BATCH_STATUS_LABELS,
  PaymentBatchStatus,
} from '../vocabulary';

export const PaymentBatchIdParams = z.object({
  id: z.string().regex(/^bat_[0-9A-Za-z_.~-]{1,200}$/, '不是有效的批次编号'),
});
export type PaymentBatchIdParams = z.infer<typeof PaymentBatchIdParams>;

export const CreatePaymentBatchBody = z
  .object({ policyId: z.string().trim().min(1).max(100) })
  .strict();
export type CreatePaymentBatchBody = z.infer<typeof CreatePaymentBatchBody>;

export const ApprovePaymentBatchBody = z
  .object({ note: z.string().trim().max(500, '意见不能超过500字').optional() })
  .strict();
export type ApprovePaymentBatchBody = z.infer<typeof ApprovePaymentBatchBody>;

export const RejectPaymentBatchBody = z
  .object({ reason: z.string().trim().min(1, '请填写退回原因').max(500, '原因不能超过500字') })
  .strict();
export type RejectPaymentBatchBody = z.infer<typeof RejectPaymentBatchBody>;

export const PaymentBatchListQuery = z
  .object({
    status: PaymentBatchStatus.optional(),
    cursor: z.string().max(2000).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
export type PaymentBatchListQuery = z.input<typeof PaymentBatchListQuery>;

/** One item of a batch as the approver sees it: masked payee, amount in fen. */
export const PaymentBatchItem = z.object({
  kind: PayableKind,
  id: z.string(),
  /** the subject's name, or a masked name for a person (张*) */
  payeeName: z.string(),
  /** `****1234`, never the full number */
  accountMasked: z.string(),
  bankName: z.string(),
  amountFen: z.number().int(),
});
export type PaymentBatchItem = z.infer<typeof PaymentBatchItem>;

export const PaymentBatchSummary = z.object({
  id: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  status: PaymentBatchStatus,
  statusLabel: z.string(),
  itemCount: z.number().int(),
  totalFen: z.number().int(),
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  /** the approver's note, or the reason it was sent back */
  decisionNote: z.string().optional(),
  version: z.number().int(),
});
export type PaymentBatchSummary = z.infer<typeof PaymentBatchSummary>;

export const PaymentBatchDetail = PaymentBatchSummary.extend({
  items: z.array(PaymentBatchItem),
  /** for a reviewer: whether this reviewer may approve it (finance L2, decided none of its items) */
  canDecide: z.boolean().optional(),
});
export type PaymentBatchDetail = z.infer<typeof PaymentBatchDetail>;

export const PaymentBatchPage = z.object({
  items: z.array(PaymentBatchSummary),
  nextCursor: z.string().optional(),
});
export type PaymentBatchPage = z.infer<typeof PaymentBatchPage>;
