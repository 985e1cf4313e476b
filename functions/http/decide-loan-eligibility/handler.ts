import { decideLoanEligibility as route } from '../../../shared/contracts/loans';
import { decideLoanEligibility } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans/{id}/eligibility — the 人社 eligibility decision. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  decideLoanEligibility(actor, params.id, body, guard, now),
);
