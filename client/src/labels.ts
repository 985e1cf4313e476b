/**
 * Every status label the UI shows: the shared exhaustive Records (shared/lifecycle,
 * shared/payment) so client and server say the same words, plus the client's own
 * names for policy modes, kinds and roles.
 */
import type { Role } from '@shared/schemas/auth';
import type { PolicyKind, PolicyMode } from './api/policies';

export { APPLICATION_STATUS_LABELS as APPLICATION_STATUS_LABEL } from '@shared/lifecycle/application';
export { GRANT_STATUS_LABELS as GRANT_STATUS_LABEL } from '@shared/lifecycle/grant';
export { PAYMENT_STATUS_LABELS as PAYMENT_STATUS_LABEL } from '@shared/payment';

export const POLICY_MODE_LABEL: Record<PolicyMode, string> = {
  apply: '依申请',
  auto: '免申即享',
  both: '免申即享 / 可申请',
};

export const POLICY_KIND_LABEL: Record<PolicyKind, string> = {
  subsidy: '奖补',
  rent_waiver: '房租减免',
  startup_loan: '创业担保贷款',
  loan_interest: '贷款贴息',
};

export const ROLE_LABEL: Record<Role, string> = {
  applicant: '企业 / 群众',
  reviewer: '审核人员',
  admin: '平台管理员',
  auditor: '审计人员',
};
