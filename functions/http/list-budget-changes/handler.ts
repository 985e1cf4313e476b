import { listBudgetChanges as route } from '../../../shared/contracts/budget';
import { budgetChanges } from '../../services/budget';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/budget-changes?status=requested — 预算调整申请（默认：待审批）. */
export const handler = httpHandler(route, ({ actor, query }) => budgetChanges(query.status, actor));
