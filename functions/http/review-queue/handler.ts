import { QueueQuery } from '../../../shared/schemas/review';
import { queueFor } from '../../services/review';
import { httpHandler, ok } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** GET /v1/review/queue — own department, oldest first, filter by status/policy, SLA in working days. */
export const handler = httpHandler(
  { access: 'reviewer', query: QueueQuery },
  async ({ actor, query, now }) => ok(await queueFor(asReviewer(actor), query, now)),
);
