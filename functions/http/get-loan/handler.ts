import { ROLES } from '../../../shared/vocabulary/role';
import { LoanPath } from '../../../shared/schemas/loan';
import { getLoanDetail } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** GET /v1/loans/{id} — steps, contract, schedule, repayments, 贴息 and the timeline. */
export const handler = httpHandler(
  { access: ROLES, params: LoanPath },
  async ({ actor, params, now }) => getLoanDetail(asPerson(actor), params.id, now),
);
