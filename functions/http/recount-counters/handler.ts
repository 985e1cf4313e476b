import { recountCounters as route } from '../../../shared/contracts/money';
import { recountCounters } from '../../services/stats-recount';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/stats/{id}/recount — the dashboard counters of one policy recounted from its
 * applications and grants (issue #16), admins only; run again, it writes the same counters.
 */
export const handler = httpHandler(route, ({ actor, params, now }) =>
  recountCounters(actor, params.id, { now }),
);
