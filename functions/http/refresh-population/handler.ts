import { refreshPopulation as route } from '../../../shared/contracts/money';
import { refreshPopulation } from '../../services/population';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/stats/{id}/population — 重新测算应享人群 of one policy now (issue #16), admins
 * only. Locally the count runs to the end before the answer; on AWS its segments go to the
 * segment queue and the answer is the progress (202). The same Idempotency-Key finds the same run.
 */
export const handler = httpHandler(route, ({ actor, params, idempotencyKey, now }) =>
  refreshPopulation(actor, params.id, {
    now,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  }),
);
