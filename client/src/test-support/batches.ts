/** 支付批次 bodies shaped by shared/schemas/payment-batch, for the admin and reviewer page tests. */
import type { PaymentBatchDetail, PaymentBatchSummary } from '../api/payment-batches';

export const batchSummary = (over: Partial<PaymentBatchSummary> = {}): PaymentBatchSummary => ({
  id: 'bat_01',
  policyId: 'startup-grant',
  policyTitle: '一次性创业补贴',
  status: 'pending_approval',
  statusLabel: '待财政审批',
  itemCount: 2,
  totalFen: 1000000,
  createdAt: '2026-03-02T01:00:00Z',
  version: 1,
  ...over,
});

export const batchDetail = (over: Partial<PaymentBatchDetail> = {}): PaymentBatchDetail => ({
  ...batchSummary(),
  items: [
    {
      kind: 'application',
      id: 'app_01',
      payeeName: '张*',
      accountMasked: '****0019',
      bankName: '农业银行',
      amountFen: 500000,
    },
    {
      kind: 'application',
      id: 'app_02',
      payeeName: '李*',
      accountMasked: '****0027',
      bankName: '工商银行',
      amountFen: 500000,
    },
  ],
  canDecide: true,
  ...over,
});
