/**
 * The policy vocabularies (DESIGN §3): who a policy is for, what it gives, how it is claimed
 * and how often. Each is a zod enum with its Chinese label table; shared/policies,
 * shared/schemas and the mini-app import them from here and nowhere else.
 */
import { z } from 'zod';

/** The two kinds of applicant DESIGN §2 names. */
export const SUBJECT_KINDS = ['enterprise', 'person'] as const;
export const SubjectKind = z.enum(SUBJECT_KINDS);
export type SubjectKind = z.infer<typeof SubjectKind>;
export const SUBJECT_KIND_LABELS: Readonly<Record<SubjectKind, string>> = {
  enterprise: '企业',
  person: '个人',
};

export const POLICY_KINDS = ['subsidy', 'rent_waiver', 'startup_loan', 'loan_interest'] as const;
export const PolicyKind = z.enum(POLICY_KINDS);
export type PolicyKind = z.infer<typeof PolicyKind>;
export const POLICY_KIND_LABELS: Readonly<Record<PolicyKind, string>> = {
  subsidy: '奖补',
  rent_waiver: '房租减免',
  startup_loan: '创业担保贷款',
  loan_interest: '贷款贴息',
};

/** apply 依申请; auto 免申即享 (免申报、零审批、资金直达); both: auto where data proves it, else apply. */
export const POLICY_MODES = ['apply', 'auto', 'both'] as const;
export const PolicyMode = z.enum(POLICY_MODES);
export type PolicyMode = z.infer<typeof PolicyMode>;
export const POLICY_MODE_LABELS: Readonly<Record<PolicyMode, string>> = {
  apply: '依申请',
  auto: '免申即享',
  both: '免申即享 / 可申请',
};

/**
 * How often a subject can be owed this benefit (the claim period, shared/entitlement.ts):
 * `once` for one-off grants (一次性), `year` for annual schemes, `quarter` for 贴息.
 * One application or grant per (policy, subject, period) holds the claim.
 */
export const BENEFIT_PERIODS = ['once', 'year', 'quarter'] as const;
export const BenefitPeriod = z.enum(BENEFIT_PERIODS);
export type BenefitPeriod = z.infer<typeof BenefitPeriod>;
export const BENEFIT_PERIOD_LABELS: Readonly<Record<BenefitPeriod, string>> = {
  once: '一次性',
  year: '每年一次',
  quarter: '每季度一次',
};
