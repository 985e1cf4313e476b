import { CreatePaymentBatchBody } from '../../../shared/schemas/payment-batch';
import { createPaymentBatch } from '../../services/payment-batches';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payment-batches — 生成支付批次：该政策所有未入批次的待拨付事项（无则 422 NOTHING_TO_BATCH）. */
export const handler = httpHandler(
  { access: 'admin', body: CreatePaymentBatchBody },
  async ({ actor, body, now }) => created(await createPaymentBatch(body, actor, now)),
);
