import { LendingBody, LoanPath } from '../../../shared/schemas/loan';
import { decideLoanLending } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/loans/{id}/lending — the bank lends and records the contract, or refuses. */
export const handler = httpHandler(
  { access: 'reviewer', params: LoanPath, body: LendingBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    decideLoanLending(asReviewer(actor), params.id, body, idempotencyKey, now),
);
