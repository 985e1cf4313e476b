/**
 * Admitting a startup-loan application (POST /v1/loans), pure: the amount against the
 * policy's ceiling first (naming it), then the key group by the rules on the server's facts,
 * one open loan per person, the materials (required ones given; optional ones missing are
 * 容缺), the repayment account; then the submitted loan. The service loads what this needs,
 * calls `admitLoan` once and saves the result with the entitlement claim.
 *
 * Refusals carry a stable `details.reason`: OVER_CEILING (OVER_CAP, with capFen),
 * SUBJECT_KIND_MISMATCH / NOT_ELIGIBLE (NOT_ELIGIBLE, with the explanation), OPEN_LOAN
 * (DUPLICATE), UNKNOWN_MATERIAL / MATERIALS_REQUIRED (INVALID_INPUT), and the account's own.
 */
import type { Actor, ApplicantActor } from '../actor';
import type { Instant } from '../calendar';
import { claimPeriodOf } from '../entitlement';
import { DomainError, forbidden, invalidInput, notFound } from '../errors';
import type { Fact } from '../facts';
import type { IsoDate } from '../facts/dates';
import type { LoanId, PolicyId } from '../ids';
import { fen } from '../money';
import { resolvePayee, type PayeeSubject } from '../payee';
import type { PolicyVersion } from '../policies/types';
import type { ParamValues } from '../rules/ast';
import { evaluate } from '../rules/evaluate';
import { explanationView } from '../rules/explanation';
import type { Payee } from './grant';
import type { Transition } from './common';
import { applyForLoan, type Loan, type LoanDetails, type LoanEvent } from './loan';

/** Loans still open: one per person (the claim enforces it; this gives the friendlier message). */
export const OPEN_LOAN_STATUSES: readonly Loan['status'][] = [
  'submitted',
  'eligibility_review',
  'guarantee_review',
  'bank_lending',
  'active',
  'defaulted',
];

const yuan = (f: number) =>
  `¥${(f / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export interface LoanAdmissionInput {
  readonly id: LoanId;
  /** the version in force (a startup_loan policy) */
  readonly policy: PolicyVersion;
  /** the policy's stored reference (policy-ref) */
  readonly policyRef: PolicyId;
  readonly subject: PayeeSubject;
  readonly facts: readonly Fact[];
  readonly asOf: IsoDate;
  readonly params: ParamValues;
  /** the subject's loans so far */
  readonly existing: readonly Pick<Loan, 'id' | 'status'>[];
  readonly requestedFen: number;
  readonly details: LoanDetails;
  /** the materials given, with their storage keys */
  readonly materials: readonly { readonly code: string; readonly uploadKey: string }[];
  readonly account: {
    readonly choice: Parameters<typeof resolvePayee>[0];
    readonly onFile?: Payee;
  };
  readonly maxTermMonths: number;
}

export function admitLoan(
  input: LoanAdmissionInput,
  actor: ApplicantActor,
  at: Instant,
): {
  readonly transition: Transition<Loan, LoanEvent>;
  readonly payee: Payee;
  readonly claimPeriod: string;
} {
  const { policy } = input;
  if (input.requestedFen > policy.capFen)
    throw new DomainError('OVER_CAP', `贷款金额超过个人最高额度${yuan(policy.capFen)}`, {
      reason: 'OVER_CEILING',
      capFen: policy.capFen,
    });
  const evaluation = evaluate(policy, input.facts, input.asOf, { params: input.params });
  if (input.subject.kind !== policy.subjectKind)
    throw new DomainError('NOT_ELIGIBLE', '该政策不面向此类申请主体', {
      reason: 'SUBJECT_KIND_MISMATCH',
      explanation: explanationView(evaluation),
    });
  if (!evaluation.eligible)
    throw new DomainError('NOT_ELIGIBLE', '不符合创业担保贷款的申请条件', {
      reason: 'NOT_ELIGIBLE',
      explanation: explanationView(evaluation),
    });
  const open = input.existing.find((l) => OPEN_LOAN_STATUSES.includes(l.status));
  if (open)
    throw new DomainError('DUPLICATE', '您已有一笔办理中或未结清的创业担保贷款', {
      reason: 'OPEN_LOAN',
      loanId: open.id,
    });
  const known = new Set(policy.materials.map((m) => m.id));
  const unknown = input.materials.filter((m) => !known.has(m.code)).map((m) => m.code);
  if (unknown.length > 0)
    throw invalidInput('该政策不需要这些材料', { reason: 'UNKNOWN_MATERIAL', unknown });
  const given = new Set(input.materials.map((m) => m.code));
  const requiredMissing = policy.materials.filter((m) => !m.optional && !given.has(m.id));
  if (requiredMissing.length > 0)
    throw invalidInput(`缺少必需材料：${requiredMissing.map((m) => m.name).join('、')}`, {
      reason: 'MATERIALS_REQUIRED',
      missing: requiredMissing.map((m) => m.id),
    });
  const { payee } = resolvePayee(input.account.choice, {
    subject: input.subject,
    onFile: input.account.onFile,
  });
  const claimPeriod = claimPeriodOf(policy.benefitPeriod, input.asOf);
  const transition = applyForLoan(
    {
      id: input.id,
      policyId: input.policyRef,
      subjectId: actor.subjectId,
      capFen: fen(policy.capFen),
      requestedFen: fen(input.requestedFen),
      details: input.details,
      materials: input.materials,
      missingMaterials: policy.materials
        .filter((m) => m.optional && !given.has(m.id))
        .map((m) => m.id),
      claimPeriod,
      reviewLevels: policy.reviewLevels === 2 ? 2 : 1,
      maxTermMonths: input.maxTermMonths,
      explanation: {
        asOf: evaluation.asOf,
        conditions: evaluation.conditions.map((c) => ({
          id: c.id,
          label: c.label,
          passed: c.passed,
        })),
      },
    },
    actor,
    at,
  );
  return { transition, payee, claimPeriod };
}

/** The departments whose staff act on a loan's steps. */
export const LOAN_DEPARTMENTS = ['hrss', 'guarantee', 'bank'] as const;

/** Borrower → own only (another's is 404); staff of the three steps, admin, auditor → any; others → 403. */
export function requireLoanVisible(actor: Exclude<Actor, { kind: 'system' }>, loan: Loan): void {
  switch (actor.kind) {
    case 'applicant':
      if (actor.subjectId !== loan.subjectId) throw notFound('贷款');
      return;
    case 'reviewer':
      if (!(LOAN_DEPARTMENTS as readonly string[]).includes(actor.department))
        throw forbidden('不属于本部门的贷款事项', { reason: 'NOT_YOUR_DEPARTMENT' });
      return;
    case 'admin':
    case 'auditor':
      return;
  }
}
