import { BankEvent, LoanPath } from '../../../shared/schemas/loan';
import { recordBankEvent } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/loans/{id}/bank-events — repayment, arrears, deferral, default; each bank reference once. */
export const handler = httpHandler(
  { access: 'reviewer', params: LoanPath, body: BankEvent },
  async ({ actor, params, body, idempotencyKey, now }) =>
    recordBankEvent(asReviewer(actor), params.id, body, idempotencyKey, now),
);
