import {
  PaymentBatchIdParams,
  RejectPaymentBatchBody,
} from '../../../shared/schemas/payment-batch';
import type { PaymentBatchId } from '../../../shared/ids';
import { rejectPaymentBatch } from '../../services/payment-batches';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/payment-batches/{id}/reject — 财政局二级审核人员退回（原因必填；事项可重新组批）. */
export const handler = httpHandler(
  { access: 'reviewer', params: PaymentBatchIdParams, body: RejectPaymentBatchBody },
  async ({ actor, params, body, now }) =>
    ok(await rejectPaymentBatch(params.id as PaymentBatchId, body, actor, now)),
);
