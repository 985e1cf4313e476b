import type { PaymentBatchId } from '../../../shared/ids';
import { rejectPaymentBatch } from '../../services/payment-batches';
import { rejectPaymentBatch as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/payment-batches/{id}/reject — 财政局二级审核人员退回（原因必填；事项可重新组批）. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  rejectPaymentBatch(params.id as PaymentBatchId, body, actor, now),
);
