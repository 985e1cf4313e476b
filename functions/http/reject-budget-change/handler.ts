import type { BudgetChangeId } from '../../../shared/lifecycle/budget-change';
import { rejectBudgetChange as route } from '../../../shared/contracts/budget';
import { rejectChange } from '../../services/budget';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/budget-changes/{id}/reject — 驳回预算调整申请（理由必填），预算不变. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  rejectChange(params.id as BudgetChangeId, body, actor, now),
);
