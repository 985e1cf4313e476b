import {
  ApprovePaymentBatchBody,
  PaymentBatchIdParams,
} from '../../../shared/schemas/payment-batch';
import type { PaymentBatchId } from '../../../shared/ids';
import { approvePaymentBatch } from '../../services/payment-batches';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/payment-batches/{id}/approve — 财政局二级审核人员批准（未审核过批次中任何事项）. */
export const handler = httpHandler(
  { access: 'reviewer', params: PaymentBatchIdParams, body: ApprovePaymentBatchBody },
  async ({ actor, params, body, now }) =>
    ok(await approvePaymentBatch(params.id as PaymentBatchId, body, actor, now)),
);
