import { queueFor } from '../../services/review';
import { reviewQueue as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/review/queue — own department, oldest first, filter by status/policy, SLA in working days. */
export const handler = httpHandler(route, ({ actor, query, now }) => queueFor(actor, query, now));
