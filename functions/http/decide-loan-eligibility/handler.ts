import { EligibilityBody, LoanPath } from '../../../shared/schemas/loan';
import { decideLoanEligibility } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/loans/{id}/eligibility — 人社局 approves (at the level the loan waits for) or rejects. */
export const handler = httpHandler(
  { access: 'reviewer', params: LoanPath, body: EligibilityBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    decideLoanEligibility(asReviewer(actor), params.id, body, idempotencyKey, now),
);
