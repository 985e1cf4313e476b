import { createPaymentBatch } from '../../services/payment-batches';
import { createPaymentBatch as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payment-batches — 生成支付批次：该政策所有未入批次的待拨付事项（无则 422 NOTHING_TO_BATCH）. */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  createPaymentBatch(body, actor, now),
);
