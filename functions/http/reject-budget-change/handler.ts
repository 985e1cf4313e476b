import type { BudgetChangeId } from '../../../shared/lifecycle/budget-change';
import { BudgetChangeIdParams, RejectBudgetChangeBody } from '../../../shared/schemas/budget';
import { rejectChange } from '../../services/budget';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/budget-changes/{id}/reject — 驳回预算调整申请（理由必填），预算不变. */
export const handler = httpHandler(
  { access: 'admin', params: BudgetChangeIdParams, body: RejectBudgetChangeBody },
  async ({ actor, params, body, now }) =>
    ok(await rejectChange(params.id as BudgetChangeId, body, actor, now)),
);
