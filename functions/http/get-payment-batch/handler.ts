import type { PaymentBatchId } from '../../../shared/ids';
import { getPaymentBatch } from '../../services/payment-batches';
import { getPaymentBatch as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/payment-batches/{id} — 批次详情：合计金额与各笔事项（账号掩码）. */
export const handler = httpHandler(route, ({ actor, params }) =>
  getPaymentBatch(params.id as PaymentBatchId, actor),
);
