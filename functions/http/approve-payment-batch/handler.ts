import type { PaymentBatchId } from '../../../shared/ids';
import { approvePaymentBatch } from '../../services/payment-batches';
import { approvePaymentBatch as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/payment-batches/{id}/approve — 财政局二级审核人员批准（未审核过批次中任何事项）. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  approvePaymentBatch(params.id as PaymentBatchId, body, actor, now),
);
