/**
 * Startup guaranteed loans: apply, the 人社 / guarantee / bank steps, bank events and feed, 代偿,
 * stats (infra/functions/loans.yml). Which department may act on a step is checked in the
 * domain; the contract admits reviewers (guarantee and bank staff are reviewers of their
 * department).
 */
import {
  ApplyLoanBody,
  BankEvent,
  BankFeedBody,
  BankFeedResult,
  CompensationBody,
  EligibilityBody,
  GuaranteeBody,
  LendingBody,
  LoanDetailView,
  LoanList,
  LoanListQuery,
  LoanPath,
  LoanStatsView,
  LoanSupplementBody,
} from '../schemas/loan';
import { ROLES } from '../vocabulary/role';
import { defineRoute } from './define';

const STEP_ERRORS = ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'DUPLICATE', 'OVER_CAP'] as const;

export const applyLoan = defineRoute({
  name: 'applyLoan',
  method: 'POST',
  path: '/v1/loans',
  summary: '申请创业担保贷款（金额不超过个人最高额度，重点群体由规则核验，可容缺）',
  access: ['applicant'],
  body: ApplyLoanBody,
  status: 201,
  response: LoanDetailView,
  errors: ['NOT_FOUND', 'OVER_CAP', 'NOT_ELIGIBLE', 'DUPLICATE', 'ACCOUNT_REQUIRED', 'CONFLICT'],
  idempotency: { scope: 'apply-loan' },
});

export const listLoans = defineRoute({
  name: 'listLoans',
  method: 'GET',
  path: '/v1/loans',
  summary: '贷款列表：借款人看本人的，各环节工作人员看本环节队列，管理员与审计看全部',
  access: ROLES,
  query: LoanListQuery,
  status: 200,
  response: LoanList,
  errors: [],
});

export const getLoan = defineRoute({
  name: 'getLoan',
  method: 'GET',
  path: '/v1/loans/{id}',
  summary: '一笔贷款：各环节、合同、还款计划、还款、贴息与办理记录',
  access: ROLES,
  params: LoanPath,
  status: 200,
  response: LoanDetailView,
  errors: ['NOT_FOUND'],
});

export const supplementLoan = defineRoute({
  name: 'supplementLoan',
  method: 'POST',
  path: '/v1/loans/{id}/supplement',
  summary: '补交容缺材料或反担保材料',
  access: ['applicant'],
  params: LoanPath,
  body: LoanSupplementBody,
  status: 200,
  response: LoanDetailView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
  idempotency: { scope: 'loan-supplement:{id}' },
});

export const decideLoanEligibility = defineRoute({
  name: 'decideLoanEligibility',
  method: 'POST',
  path: '/v1/loans/{id}/eligibility',
  summary: '人社部门资格审核：通过或不予通过',
  access: ['reviewer'],
  params: LoanPath,
  body: EligibilityBody,
  status: 200,
  response: LoanDetailView,
  errors: [...STEP_ERRORS],
  idempotency: { scope: 'loan-eligibility:{id}' },
});

export const decideLoanGuarantee = defineRoute({
  name: 'decideLoanGuarantee',
  method: 'POST',
  path: '/v1/loans/{id}/guarantee',
  summary: '担保机构审核：同意担保（担保费率不超过政策上限）、要求反担保或不予担保',
  access: ['reviewer'],
  params: LoanPath,
  body: GuaranteeBody,
  status: 200,
  response: LoanDetailView,
  errors: [...STEP_ERRORS],
  idempotency: { scope: 'loan-guarantee:{id}' },
});

export const decideLoanLending = defineRoute({
  name: 'decideLoanLending',
  method: 'POST',
  path: '/v1/loans/{id}/lending',
  summary: '合作银行放款：录入合同（本金、LPR 加点利率、起止日期、还款计划）或不予放款',
  access: ['reviewer'],
  params: LoanPath,
  body: LendingBody,
  status: 200,
  response: LoanDetailView,
  errors: [...STEP_ERRORS],
  idempotency: { scope: 'loan-lending:{id}' },
});

export const recordLoanBankEvent = defineRoute({
  name: 'recordLoanBankEvent',
  method: 'POST',
  path: '/v1/loans/{id}/bank-events',
  summary: '银行报送：还款、逾期、逾期结清、延期还本付息、违约（同一银行流水号只记一次）',
  access: ['reviewer'],
  params: LoanPath,
  body: BankEvent,
  status: 200,
  response: LoanDetailView,
  errors: [...STEP_ERRORS],
  idempotency: { scope: 'loan-bank-event:{id}' },
});

export const recordLoanCompensation = defineRoute({
  name: 'recordLoanCompensation',
  method: 'POST',
  path: '/v1/loans/{id}/compensation',
  summary: '担保基金代偿（违约后）',
  access: ['reviewer'],
  params: LoanPath,
  body: CompensationBody,
  status: 200,
  response: LoanDetailView,
  errors: [...STEP_ERRORS],
  idempotency: { scope: 'loan-compensation:{id}' },
});

export const importBankLoanFeed = defineRoute({
  name: 'importBankLoanFeed',
  method: 'POST',
  path: '/v1/bank/loan-feed',
  summary: '银行批量报送贷款数据：逐行处理，每个银行流水号只记一次',
  access: ['reviewer', 'admin'],
  body: BankFeedBody,
  status: 200,
  response: BankFeedResult,
  errors: [],
});

export const loanStats = defineRoute({
  name: 'loanStats',
  method: 'GET',
  path: '/v1/admin/loan-stats',
  summary: '贷款统计：各阶段笔数、放款金额、各季度贴息、逾期率与违约率、担保余额',
  access: ['admin', 'auditor'],
  status: 200,
  response: LoanStatsView,
  errors: [],
});
