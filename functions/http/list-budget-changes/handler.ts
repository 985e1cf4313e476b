import { BudgetChangesQuery } from '../../../shared/schemas/budget';
import { budgetChanges } from '../../services/budget';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/budget-changes?status=requested — 预算调整申请（默认：待审批）. */
export const handler = httpHandler(
  { access: ['admin', 'auditor'], query: BudgetChangesQuery },
  async ({ actor, query }) => ok(await budgetChanges(query.status, actor)),
);
