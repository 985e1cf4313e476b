/** Fixtures for the lifecycle tests (not used by production code). */
import type { AdminActor, ApplicantActor, ReviewerActor, SystemActor } from '../actor';
import { instant, type Instant } from '../calendar';
import type { PolicyId, SubjectId, UserId } from '../ids';
import { yuan } from '../money';
import type { ApplicationTerms } from './application';

export const T0: Instant = instant('2026-03-02T01:00:00Z');
export const at = (iso: string): Instant => instant(iso);

export const SUBJECT = 'sub_000001' as SubjectId;
export const OTHER_SUBJECT = 'sub_000002' as SubjectId;
export const POLICY = 'pol_hire-local' as PolicyId;

export const applicant: ApplicantActor = {
  kind: 'applicant',
  userId: 'usr_000001' as UserId,
  subjectId: SUBJECT,
};
export const stranger: ApplicantActor = {
  kind: 'applicant',
  userId: 'usr_000002' as UserId,
  subjectId: OTHER_SUBJECT,
};
export const hrss1: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000011' as UserId,
  department: 'hrss',
  level: 1,
};
export const hrss2: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000012' as UserId,
  department: 'hrss',
  level: 2,
};
export const finance1: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000021' as UserId,
  department: 'finance',
  level: 1,
};
export const guarantor: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000031' as UserId,
  department: 'guarantee',
  level: 1,
};
export const banker: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000041' as UserId,
  department: 'bank',
  level: 1,
};
export const admin: AdminActor = { kind: 'admin', userId: 'usr_000099' as UserId };
export const system = (job: SystemActor['job'] = 'disburse'): SystemActor => ({
  kind: 'system',
  job,
});

/** hire-local: 2,000 yuan per person, cap here 20,000; two review levels; 7 days 公示; 10 days 容缺. */
export const TERMS: ApplicationTerms = {
  capFen: yuan(20_000),
  reviewLevels: 2,
  publicityDays: 7,
  supplementDays: 10,
  materials: [
    { code: 'licence', name: '营业执照', optional: false },
    { code: 'roster', name: '新招用人员花名册', optional: false },
    { code: 'contracts', name: '劳动合同', optional: true },
  ],
};
export const ALL_MATERIALS = TERMS.materials.map((m) => ({
  code: m.code,
  uploadKey: `up/${m.code}`,
}));

/** A receiving account (fake, passes the format check). */
export const PAYEE = {
  accountName: '张三',
  bankName: '农业银行',
  accountNumber: '6228480012345678',
};
