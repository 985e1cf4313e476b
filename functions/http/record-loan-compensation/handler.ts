import { recordLoanCompensation as route } from '../../../shared/contracts/loans';
import { recordLoanCompensation } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans/{id}/compensation — 代偿 by the guarantee fund after a default. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  recordLoanCompensation(actor, params.id, body, guard, now),
);
