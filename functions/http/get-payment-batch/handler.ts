import { PaymentBatchIdParams } from '../../../shared/schemas/payment-batch';
import type { PaymentBatchId } from '../../../shared/ids';
import { getPaymentBatch } from '../../services/payment-batches';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/payment-batches/{id} — 批次详情：合计金额与各笔事项（账号掩码）. */
export const handler = httpHandler(
  { access: ['admin', 'reviewer'], params: PaymentBatchIdParams },
  async ({ actor, params }) => ok(await getPaymentBatch(params.id as PaymentBatchId, actor)),
);
