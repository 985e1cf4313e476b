/** /v1/payments, by their route contracts (shared/contracts). */
import { listPayments as listPaymentsRoute } from '@shared/contracts/money';
import { call } from './client';

export type { PaymentPage, PaymentStatus, PaymentView } from '@shared/schemas/payment';

/** GET /v1/payments — own (applicant) or all (admin). */
export const listPayments = (cursor?: string) => call(listPaymentsRoute, { query: { cursor } });
