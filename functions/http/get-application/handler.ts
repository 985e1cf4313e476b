import { applicationDetailFor } from '../../services/applications';
import { getApplication as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/applications/{id} — detail with timeline; another subject's → 404, another department's → 403. */
export const handler = httpHandler(route, ({ actor, params }) =>
  applicationDetailFor(actor, params.id),
);
