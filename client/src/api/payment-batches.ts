/** 支付批次 (issue #10 finance sign-off), typed and parsed by shared/schemas/payment-batch. */
import {
  PaymentBatchDetail,
  PaymentBatchPage,
  type PaymentBatchListQuery,
} from '@shared/schemas/payment-batch';
import { call, withQuery } from './client';

export type {
  PaymentBatchDetail,
  PaymentBatchItem,
  PaymentBatchListQuery,
  PaymentBatchPage,
  PaymentBatchStatus,
  PaymentBatchSummary,
} from '@shared/schemas/payment-batch';

/** POST /v1/admin/payment-batches {policyId} — every payable item of the policy not yet in a batch. */
export const createPaymentBatch = (policyId: string, idempotencyKey: string) =>
  call('POST', '/v1/admin/payment-batches', PaymentBatchDetail, { policyId }, idempotencyKey);

/** GET /v1/admin/payment-batches?status=&cursor= */
export const listPaymentBatches = (query: PaymentBatchListQuery = {}) =>
  call('GET', withQuery('/v1/admin/payment-batches', query), PaymentBatchPage);

/** GET /v1/admin/payment-batches/{id} */
export const getPaymentBatch = (id: string) =>
  call('GET', `/v1/admin/payment-batches/${encodeURIComponent(id)}`, PaymentBatchDetail);

/** POST /v1/payment-batches/{id}/approve {note?} — finance L2 who decided none of its items. */
export const approvePaymentBatch = (id: string, note: string | undefined, idempotencyKey: string) =>
  call(
    'POST',
    `/v1/payment-batches/${encodeURIComponent(id)}/approve`,
    PaymentBatchDetail,
    note ? { note } : {},
    idempotencyKey,
  );

/** POST /v1/payment-batches/{id}/reject {reason} */
export const rejectPaymentBatch = (id: string, reason: string, idempotencyKey: string) =>
  call(
    'POST',
    `/v1/payment-batches/${encodeURIComponent(id)}/reject`,
    PaymentBatchDetail,
    { reason },
    idempotencyKey,
  );
