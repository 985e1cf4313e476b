import { decideApplication } from '../../services/review';
import { decideApplication as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications/{id}/decision — approve (≤ cap) / reject (reason) / return (note), at the item's level. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  decideApplication(actor, params.id, body, guard, now),
);
