/**
 * The status vocabularies of every aggregate people see, each a zod enum with its Chinese
 * label table. The lifecycles (shared/lifecycle/*, shared/payment.ts) own the transitions
 * between these statuses and re-export them; server views and the mini-app take the labels
 * from here, so both say the same words.
 */
import { z } from 'zod';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'pending_supplement',
  'review_l1',
  'review_l2',
  'approved',
  'returned',
  'rejected',
  'withdrawn',
  'publicity',
  'payable',
  'paying',
  'paid',
  'payment_failed',
  'awaiting_account',
  'on_hold',
  'cancelled',
] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
export const APPLICATION_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  pending_supplement: '待补正（容缺受理）',
  review_l1: '初审中',
  review_l2: '复审中',
  approved: '审核通过',
  returned: '退回补正',
  rejected: '未通过',
  withdrawn: '已撤回',
  publicity: '公示中',
  payable: '待拨付',
  paying: '拨付中',
  paid: '已到账',
  payment_failed: '拨付失败',
  awaiting_account: '待提供收款账户',
  on_hold: '暂停拨付',
  cancelled: '已取消',
};

export const GRANT_STATUSES = [
  'detected',
  'awaiting_confirmation',
  'publicity',
  'payable',
  'paying',
  'paid',
  'payment_failed',
  'returned',
  'awaiting_account',
  'on_hold',
  'cancelled',
] as const;
export const GrantStatus = z.enum(GRANT_STATUSES);
export type GrantStatus = z.infer<typeof GrantStatus>;
export const GRANT_STATUS_LABELS: Readonly<Record<GrantStatus, string>> = {
  detected: '已识别',
  awaiting_confirmation: '待确认收款账户',
  publicity: '公示中',
  payable: '待拨付',
  paying: '拨付中',
  paid: '已到账',
  payment_failed: '拨付失败',
  returned: '退票待补发',
  awaiting_account: '待提供收款账户',
  on_hold: '暂停拨付',
  cancelled: '已取消',
};

/** The money part every paid item shares (shared/lifecycle/payable.ts). */
export const PAYABLE_STATUSES = [
  'payable',
  'awaiting_account',
  'paying',
  'paid',
  'payment_failed',
  'returned',
  'on_hold',
  'cancelled',
] as const;
export const PayableStatus = z.enum(PAYABLE_STATUSES);
export type PayableStatus = z.infer<typeof PayableStatus>;
export const PAYABLE_STATUS_LABELS: Readonly<Record<PayableStatus, string>> = {
  payable: '待拨付',
  awaiting_account: '待提供收款账户',
  paying: '拨付中',
  paid: '已到账',
  payment_failed: '拨付失败',
  returned: '退票待补发',
  on_hold: '暂停拨付',
  cancelled: '已取消',
};

/** What is paid: a 免申即享 grant, an approved application, or a quarter's 贴息. */
export const PAYABLE_KINDS = ['grant', 'application', 'loan_interest'] as const;
export const PayableKind = z.enum(PAYABLE_KINDS);
export type PayableKind = z.infer<typeof PayableKind>;
export const PAYABLE_KIND_LABELS: Readonly<Record<PayableKind, string>> = {
  application: '依申请',
  grant: '免申即享',
  loan_interest: '贷款贴息',
};

/** A payment order to the treasury (shared/payment.ts). */
export const PAYMENT_STATUSES = ['pending', 'paying', 'paid', 'returned', 'failed'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatus>;
export const PAYMENT_STATUS_LABELS: Readonly<Record<PaymentStatus, string>> = {
  pending: '待发送',
  paying: '拨付中',
  paid: '已到账',
  returned: '已退票',
  failed: '拨付失败',
};

/** 支付批次 (finance sign-off, shared/lifecycle/payment-batch.ts). */
export const PAYMENT_BATCH_STATUSES = ['pending_approval', 'approved', 'rejected'] as const;
export const PaymentBatchStatus = z.enum(PAYMENT_BATCH_STATUSES);
export type PaymentBatchStatus = z.infer<typeof PaymentBatchStatus>;
export const PAYMENT_BATCH_STATUS_LABELS: Readonly<Record<PaymentBatchStatus, string>> = {
  pending_approval: '待财政审批',
  approved: '已批准拨付',
  rejected: '已退回',
};

/** 资金追回 (shared/lifecycle/recovery.ts). */
export const RECOVERY_STATUSES = ['open', 'recovered', 'written_off'] as const;
export const RecoveryStatus = z.enum(RECOVERY_STATUSES);
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;
export const RECOVERY_STATUS_LABELS: Readonly<Record<RecoveryStatus, string>> = {
  open: '追回中',
  recovered: '已追回',
  written_off: '已核销',
};

/** An objection during 公示, as its objector sees it: open until ruled, then upheld or dismissed. */
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export const ObjectionStatus = z.enum(OBJECTION_STATUSES);
export type ObjectionStatus = z.infer<typeof ObjectionStatus>;
export const OBJECTION_STATUS_LABELS: Readonly<Record<ObjectionStatus, string>> = {
  open: '核实中',
  upheld: '异议成立',
  dismissed: '异议不成立',
};

/** 创业担保贷款 (shared/lifecycle/loan.ts). */
export const LOAN_STATUSES = [
  'submitted',
  'eligibility_review',
  'guarantee_review',
  'bank_lending',
  'active',
  'repaid',
  'defaulted',
  'rejected',
] as const;
export const LoanStatus = z.enum(LOAN_STATUSES);
export type LoanStatus = z.infer<typeof LoanStatus>;
export const LOAN_STATUS_LABELS: Readonly<Record<LoanStatus, string>> = {
  submitted: '已提交',
  eligibility_review: '人社资格审核中',
  guarantee_review: '担保审核中',
  bank_lending: '银行放款审核中',
  active: '还款中',
  repaid: '已结清',
  defaulted: '已逾期违约',
  rejected: '未通过',
};

/** A 免申即享 run (functions/services/auto-grant.ts). */
export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  running: '运行中',
  completed: '已完成',
  failed: '失败',
};
