import { decideLoanGuarantee as route } from '../../../shared/contracts/loans';
import { decideLoanGuarantee } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans/{id}/guarantee — the guarantee company's decision (fee rate within its cap). */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  decideLoanGuarantee(actor, params.id, body, guard, now),
);
