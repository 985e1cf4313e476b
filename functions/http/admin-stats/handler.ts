import { instantOf } from '../../../shared/calendar';
import { stats } from '../../services/stats';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/stats — per policy: applied, approved, paid, completion rate, overdue, budget. */
export const handler = httpHandler({ access: 'admin' }, async ({ now }) =>
  ok(await stats(instantOf(now))),
);
