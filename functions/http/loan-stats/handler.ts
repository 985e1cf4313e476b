import { loanStats as route } from '../../../shared/contracts/loans';
import { loanStats } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/loan-stats — loans by stage, amounts, 贴息, overdue and default rates. */
export const handler = httpHandler(route, ({ now }) => loanStats(now));
