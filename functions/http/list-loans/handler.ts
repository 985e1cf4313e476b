import { ROLES } from '../../../shared/vocabulary/role';
import { LoanListQuery } from '../../../shared/schemas/loan';
import { listLoans } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** GET /v1/loans — own loans (applicant), the step's queue with SLA (人社/担保/银行), all (admin, auditor). */
export const handler = httpHandler(
  { access: ROLES, query: LoanListQuery },
  async ({ actor, query, now }) => listLoans(asPerson(actor), query, now),
);
