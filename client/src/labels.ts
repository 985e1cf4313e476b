/**
 * Every status label the UI shows, one exhaustive Record per union, so a new
 * status fails the type check until it has a Chinese name.
 */
import type { ApplicationStatus } from './api/applications'
import type { GrantStatus } from './api/grants'
import type { PaymentStatus } from './api/payments'
import type { PolicyKind, PolicyMode } from './api/policies'
import type { Role } from './api/auth'

export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  pending_supplement: '待补充材料',
  review_l1: '初审中',
  review_l2: '复审中',
  returned: '退回补正',
  rejected: '未通过',
  withdrawn: '已撤回',
  approved: '审核通过',
  publicity: '公示中',
  payable: '待拨付',
  paying: '拨付中',
  paid: '已到账',
  payment_failed: '拨付失败',
  cancelled: '已取消',
}

export const GRANT_STATUS_LABEL: Record<GrantStatus, string> = {
  detected: '已识别',
  awaiting_confirmation: '待确认收款账户',
  publicity: '公示中',
  payable: '待拨付',
  paying: '拨付中',
  paid: '已到账',
}

export const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  pending: '待支付',
  paying: '支付中',
  paid: '已到账',
  returned: '已退票',
  failed: '支付失败',
  cancelled: '已取消',
}

export const POLICY_MODE_LABEL: Record<PolicyMode, string> = {
  apply: '依申请',
  auto: '免申即享',
  both: '免申即享 / 可申请',
}

export const POLICY_KIND_LABEL: Record<PolicyKind, string> = {
  subsidy: '奖补',
  rent_waiver: '房租减免',
  startup_loan: '创业担保贷款',
  loan_interest: '贷款贴息',
}

export const ROLE_LABEL: Record<Role, string> = {
  applicant: '企业 / 群众',
  reviewer: '审核人员',
  admin: '平台管理员',
}
