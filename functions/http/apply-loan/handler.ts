import { ApplyLoanBody } from '../../../shared/schemas/loan';
import { applyLoan } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/loans — apply for a startup guaranteed loan (≤ the ceiling, key group by the rules, 容缺). */
export const handler = httpHandler(
  { access: 'applicant', body: ApplyLoanBody },
  async ({ actor, body, idempotencyKey, now }) =>
    applyLoan(asApplicant(actor), body, idempotencyKey, now),
);
