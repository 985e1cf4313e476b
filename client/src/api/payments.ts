/** /v1/payments, typed and parsed by shared/schemas/payment. */
import { PaymentPage } from '@shared/schemas/payment';
import { call, withQuery } from './client';

export type { PaymentPage, PaymentStatus, PaymentView } from '@shared/schemas/payment';

/** GET /v1/payments — own (applicant) or all (admin). */
export const listPayments = (cursor?: string) =>
  call('GET', withQuery('/v1/payments', { cursor }), PaymentPage);
