import { listBudgetLines as route } from '../../../shared/contracts/budget';
import { budgetLines } from '../../services/budget';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/budget-lines — 专账：每项政策每个预算年度一条预算线（已安排、已预留、已拨付、结余）. */
export const handler = httpHandler(route, ({ actor }) => budgetLines(actor));
