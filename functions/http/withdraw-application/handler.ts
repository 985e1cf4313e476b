import { withdrawApplication } from '../../services/applications';
import { withdrawApplication as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications/{id}/withdraw — before a decision. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  withdrawApplication(actor, params.id, body, guard, now),
);
