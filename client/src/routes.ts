/** Page paths in one place, so a moved page breaks the build here and not at runtime. */
const q = (v: string) => encodeURIComponent(v);

export const routes = {
  home: '/pages/index/index',
  applications: '/pages/applications/index',
  me: '/pages/me/index',
  messages: '/pages/messages/index',
  login: '/pages/login/index',
  bind: '/pages/bind/index',
  members: '/pages/members/index',
  policyDetail: (id: string) => `/pages/policy-detail/index?id=${q(id)}`,
  apply: (policyId: string) => `/pages/apply/index?policyId=${q(policyId)}`,
  applicationDetail: (id: string) => `/pages/application-detail/index?id=${q(id)}`,
  grants: '/pages/grants/index',
  payments: '/pages/payments/index',
  publicity: '/pages/publicity/index',
  reviewQueue: '/reviewer/queue/index',
  reviewDetail: (id: string) => `/reviewer/review-detail/index?id=${q(id)}`,
  adminDashboard: '/admin/dashboard/index',
  adminRuns: '/admin/runs/index',
  adminImport: '/admin/import/index',
  adminPolicies: '/admin/policies/index',
  adminPayables: '/admin/payables/index',
  adminRecoveries: '/admin/recoveries/index',
  adminBatches: '/admin/batches/index',
  adminBudget: '/admin/budget/index',
  adminStaff: '/admin/staff/index',
  adminStudio: '/admin/studio/index',
  adminParameters: '/admin/parameters/index',
  adminStudioEditor: (id?: string, version?: number) =>
    id === undefined
      ? '/admin/studio-editor/index'
      : `/admin/studio-editor/index?id=${q(id)}&version=${String(version ?? 1)}`,
  adminTrail: (kind: string, id: string) => `/admin/trail/index?kind=${q(kind)}&id=${q(id)}`,
  adminBatchDetail: (id: string) => `/admin/batch-detail/index?id=${q(id)}`,
  reviewerBatches: '/reviewer/batches/index',
  reviewerBatchDetail: (id: string) => `/reviewer/batch-detail/index?id=${q(id)}`,
  // 创业担保贷款 (issue 13): the borrower's pages, the 人社 review, the guarantee company, the bank
  loanApply: '/loan/apply/index',
  loanDetail: (id: string) => `/loan/detail/index?id=${q(id)}`,
  reviewerLoanDetail: (id: string) => `/reviewer/loan-detail/index?id=${q(id)}`,
  guarantorQueue: '/guarantor/queue/index',
  guarantorDetail: (id: string) => `/guarantor/detail/index?id=${q(id)}`,
  bankQueue: '/bank/queue/index',
  bankDetail: (id: string) => `/bank/detail/index?id=${q(id)}`,
} as const;

/** The apply page of a policy: a startup loan has its own form (loan subpackage). */
export const applyRouteOf = (policy: { id: string; kind: string }): string =>
  policy.kind === 'startup_loan' ? routes.loanApply : routes.apply(policy.id);

/** Tab pages must be opened with switchTab; everything else with navigateTo. */
export const TAB_PAGES: readonly string[] = [
  routes.home,
  routes.applications,
  routes.messages,
  routes.me,
];
