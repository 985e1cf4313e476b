import { supplementApplication } from '../../services/applications';
import { supplementApplication as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications/{id}/supplement — 容缺 or returned materials. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  supplementApplication(actor, params.id, body, guard, now),
);
