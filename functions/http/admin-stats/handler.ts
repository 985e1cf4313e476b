import { instantOf } from '../../../shared/calendar';
import { stats } from '../../services/stats';
import { adminStats as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/stats — per policy: applied, approved, paid, completion rate, overdue, budget. */
export const handler = httpHandler(route, ({ now }) => stats(instantOf(now)));
