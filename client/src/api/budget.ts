/** /v1/admin/budget-lines and /v1/admin/budget-changes (专账, issue #11), parsed by shared/schemas/budget. */
import {
  BudgetChangeList,
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineList,
} from '@shared/schemas/budget';
import { call } from './client';

export type {
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineView,
  JournalEntryView,
} from '@shared/schemas/budget';

/** GET /v1/admin/budget-lines */
export const listBudgetLines = () => call('GET', '/v1/admin/budget-lines', BudgetLineList);

/** GET /v1/admin/budget-lines/{policyId}/{fiscalYear} — the line, its journal, its pending changes. */
export const getBudgetLine = (policyId: string, fiscalYear: number) =>
  call(
    'GET',
    `/v1/admin/budget-lines/${encodeURIComponent(policyId)}/${String(fiscalYear)}`,
    BudgetLineDetail,
  );

/** GET /v1/admin/budget-changes — changes waiting for approval. */
export const listPendingBudgetChanges = () =>
  call('GET', '/v1/admin/budget-changes', BudgetChangeList);

/** POST /v1/admin/budget-changes/{id}/approve — another admin than the requester. */
export const approveBudgetChange = (id: string) =>
  call('POST', `/v1/admin/budget-changes/${encodeURIComponent(id)}/approve`, BudgetChangeView, {});

/** POST /v1/admin/budget-changes/{id}/reject */
export const rejectBudgetChange = (id: string, reason: string) =>
  call('POST', `/v1/admin/budget-changes/${encodeURIComponent(id)}/reject`, BudgetChangeView, {
    reason,
  });
