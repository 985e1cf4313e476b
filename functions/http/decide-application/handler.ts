import { ApplicationPath } from '../../../shared/schemas/application';
import { DecisionBody } from '../../../shared/schemas/review';
import { decideApplication } from '../../services/review';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/applications/{id}/decision — approve (≤ cap) / reject (reason) / return (note), at the item's level. */
export const handler = httpHandler(
  { access: 'reviewer', params: ApplicationPath, body: DecisionBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    decideApplication(asReviewer(actor), params.id, body, idempotencyKey, now),
);
