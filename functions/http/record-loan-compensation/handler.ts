import { CompensationBody, LoanPath } from '../../../shared/schemas/loan';
import { recordLoanCompensation } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/loans/{id}/compensation — the guarantee fund's 代偿 for a defaulted loan. */
export const handler = httpHandler(
  { access: 'reviewer', params: LoanPath, body: CompensationBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    recordLoanCompensation(asReviewer(actor), params.id, body, idempotencyKey, now),
);
