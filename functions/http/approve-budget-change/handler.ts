import type { BudgetChangeId } from '../../../shared/lifecycle/budget-change';
import { approveBudgetChange as route } from '../../../shared/contracts/budget';
import { approveChange } from '../../services/budget';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/budget-changes/{id}/approve — 审批生效（双人复核：申请人不能审批自己的申请）. */
export const handler = httpHandler(route, ({ actor, params, now }) =>
  approveChange(params.id as BudgetChangeId, actor, now),
);
