/**
 * Budget lines per policy and fiscal year with their four-eyes journal (专账), and the holiday
 * calendar as data (infra/functions/budget.yml).
 */
import {
  BudgetChangeIdParams,
  BudgetChangeList,
  BudgetChangesQuery,
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineList,
  BudgetLineParams,
  RejectBudgetChangeBody,
  RequestBudgetChangeBody,
} from '../schemas/budget';
import { CalendarYearParams, CalendarYearView, PublishCalendarYearBody } from '../schemas/calendar';
import { defineRoute } from './define';

export const listBudgetLines = defineRoute({
  name: 'listBudgetLines',
  method: 'GET',
  path: '/v1/admin/budget-lines',
  summary: '预算专账：各政策各年度的下达、预留、已付与余额',
  access: ['admin', 'auditor'],
  status: 200,
  response: BudgetLineList,
  errors: [],
});

export const getBudgetLine = defineRoute({
  name: 'getBudgetLine',
  method: 'GET',
  path: '/v1/admin/budget-lines/{policyId}/{fiscalYear}',
  summary: '一条预算专账及其调整记录',
  access: ['admin', 'auditor'],
  params: BudgetLineParams,
  status: 200,
  response: BudgetLineDetail,
  errors: ['NOT_FOUND'],
});

export const listBudgetChanges = defineRoute({
  name: 'listBudgetChanges',
  method: 'GET',
  path: '/v1/admin/budget-changes',
  summary: '预算调整申请（追加、核减、调剂），默认待审批的',
  access: ['admin', 'auditor'],
  query: BudgetChangesQuery,
  status: 200,
  response: BudgetChangeList,
  errors: [],
});

export const requestBudgetChange = defineRoute({
  name: 'requestBudgetChange',
  method: 'POST',
  path: '/v1/admin/budget-changes',
  summary: '申请调整预算（须写明理由与文号，由另一名管理员审批）',
  access: ['admin'],
  body: RequestBudgetChangeBody,
  status: 201,
  response: BudgetChangeView,
  errors: ['NOT_FOUND', 'WRONG_STATE'],
});

export const approveBudgetChange = defineRoute({
  name: 'approveBudgetChange',
  method: 'POST',
  path: '/v1/admin/budget-changes/{id}/approve',
  summary: '审批通过预算调整（核减不得低于已占用）',
  access: ['admin'],
  params: BudgetChangeIdParams,
  status: 200,
  response: BudgetChangeView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'BUDGET_EXHAUSTED'],
});

export const rejectBudgetChange = defineRoute({
  name: 'rejectBudgetChange',
  method: 'POST',
  path: '/v1/admin/budget-changes/{id}/reject',
  summary: '驳回预算调整（写明理由）',
  access: ['admin'],
  params: BudgetChangeIdParams,
  body: RejectBudgetChangeBody,
  status: 200,
  response: BudgetChangeView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const publishCalendarYear = defineRoute({
  name: 'publishCalendarYear',
  method: 'PUT',
  path: '/v1/admin/calendar/{year}',
  summary: '发布某年的节假日与调休工作日（据国务院办公厅通知）',
  access: ['admin'],
  params: CalendarYearParams,
  body: PublishCalendarYearBody,
  status: 200,
  response: CalendarYearView,
  errors: ['WRONG_STATE', 'CONFLICT'],
});

export const getCalendarYear = defineRoute({
  name: 'getCalendarYear',
  method: 'GET',
  path: '/v1/admin/calendar/{year}',
  summary: '某年的工作日历（节假日与调休）',
  access: ['admin', 'auditor'],
  params: CalendarYearParams,
  status: 200,
  response: CalendarYearView,
  errors: ['NOT_FOUND', 'CALENDAR_UNKNOWN'],
});
