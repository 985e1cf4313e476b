/** 支付批次 (issue #10 finance sign-off), by their route contracts (shared/contracts/money). */
import type { PaymentBatchListQuery } from '@shared/schemas/payment-batch';
import * as routes from '@shared/contracts/money';
import { call } from './client';

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
  call(routes.createPaymentBatch, { body: { policyId }, idempotencyKey });

/** GET /v1/admin/payment-batches?status=&cursor= */
export const listPaymentBatches = (query: PaymentBatchListQuery = {}) =>
  call(routes.listPaymentBatches, { query });

/** GET /v1/admin/payment-batches/{id} */
export const getPaymentBatch = (id: string) => call(routes.getPaymentBatch, { params: { id } });

/** POST /v1/payment-batches/{id}/approve {note?} — finance L2 who decided none of its items. */
export const approvePaymentBatch = (id: string, note: string | undefined, idempotencyKey: string) =>
  call(routes.approvePaymentBatch, {
    params: { id },
    body: note ? { note } : {},
    idempotencyKey,
  });

/** POST /v1/payment-batches/{id}/reject {reason} */
export const rejectPaymentBatch = (id: string, reason: string, idempotencyKey: string) =>
  call(routes.rejectPaymentBatch, { params: { id }, body: { reason }, idempotencyKey });
