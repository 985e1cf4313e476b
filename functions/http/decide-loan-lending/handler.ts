import { decideLoanLending as route } from '../../../shared/contracts/loans';
import { decideLoanLending } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans/{id}/lending — the bank's contract or refusal. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  decideLoanLending(actor, params.id, body, guard, now),
);
