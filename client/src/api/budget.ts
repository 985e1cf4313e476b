/** /v1/admin/budget-lines and /v1/admin/budget-changes (专账, issue #11), by their route contracts. */
import * as routes from '@shared/contracts/budget';
import { call } from './client';

export type {
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineView,
  JournalEntryView,
} from '@shared/schemas/budget';

/** GET /v1/admin/budget-lines */
export const listBudgetLines = () => call(routes.listBudgetLines, {});

/** GET /v1/admin/budget-lines/{policyId}/{fiscalYear} — the line, its journal, its pending changes. */
export const getBudgetLine = (policyId: string, fiscalYear: number) =>
  call(routes.getBudgetLine, { params: { policyId, fiscalYear } });

/** GET /v1/admin/budget-changes — changes waiting for approval. */
export const listPendingBudgetChanges = () => call(routes.listBudgetChanges, { query: {} });

/** POST /v1/admin/budget-changes/{id}/approve — another admin than the requester. */
export const approveBudgetChange = (id: string) =>
  call(routes.approveBudgetChange, { params: { id } });

/** POST /v1/admin/budget-changes/{id}/reject */
export const rejectBudgetChange = (id: string, reason: string) =>
  call(routes.rejectBudgetChange, { params: { id }, body: { reason } });
