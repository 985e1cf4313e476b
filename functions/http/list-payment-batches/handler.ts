import { PaymentBatchListQuery } from '../../../shared/schemas/payment-batch';
import { listPaymentBatches } from '../../services/payment-batches';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/payment-batches?status&cursor — 支付批次列表（管理员、财政局二级审核人员）. */
export const handler = httpHandler(
  { access: ['admin', 'reviewer'], query: PaymentBatchListQuery },
  async ({ actor, query }) => ok(await listPaymentBatches(query, actor)),
);
