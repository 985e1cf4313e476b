import { supplementLoan as route } from '../../../shared/contracts/loans';
import { supplementLoanMaterials } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans/{id}/supplement — 容缺 or counter-guarantee material. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  supplementLoanMaterials(actor, params.id, body, guard, now),
);
