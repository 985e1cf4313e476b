import { getBudgetLine as route } from '../../../shared/contracts/budget';
import { budgetLine } from '../../services/budget';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/budget-lines/{policyId}/{fiscalYear} — 一条预算线及其台账（追加、核减、调剂）与待审批的调整. */
export const handler = httpHandler(route, ({ actor, params }) =>
  budgetLine(params.policyId, params.fiscalYear, actor),
);
