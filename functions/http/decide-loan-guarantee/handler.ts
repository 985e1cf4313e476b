import { GuaranteeBody, LoanPath } from '../../../shared/schemas/loan';
import { decideLoanGuarantee } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/loans/{id}/guarantee — the guarantee company: approve (fee ≤ cap), counter-guarantee, reject. */
export const handler = httpHandler(
  { access: 'reviewer', params: LoanPath, body: GuaranteeBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    decideLoanGuarantee(asReviewer(actor), params.id, body, idempotencyKey, now),
);
