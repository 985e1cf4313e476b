import { LoanPath, LoanSupplementBody } from '../../../shared/schemas/loan';
import { supplementLoanMaterials } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/loans/{id}/supplement — 容缺 materials, or the counter-guarantee material asked for. */
export const handler = httpHandler(
  { access: 'applicant', params: LoanPath, body: LoanSupplementBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    supplementLoanMaterials(asApplicant(actor), params.id, body, idempotencyKey, now),
);
