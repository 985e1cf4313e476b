/**
 * 免申即享 selection rules, pure (DESIGN §3, §4, §7): which policies an auto-grant run
 * evaluates on a given day, which subjects each applies to, and the period that makes
 * a grant unique per (policy, subject, period).
 */
import type { IsoDate } from './facts/dates';
import { deterministicId, type PolicyId } from './ids';
import { isValidIdNumber } from './subject';
import type { PolicyVersion, SubjectKind } from './policies/types';

/** The branded id under which a catalogue policy's grants, budget and payments are stored. */
export function policyIdOf(catalogueId: string): PolicyId {
  return deterministicId('policy', catalogueId);
}

/** The catalogue id back from a stored PolicyId (`pol_hire-local` → `hire-local`). */
export function catalogueIdOf(policyId: PolicyId | string): string {
  return policyId.startsWith('pol_') ? policyId.slice(4) : policyId;
}

/**
 * Policies an auto-grant run evaluates as of `asOf`: mode auto|both, inside the effective
 * window. `loan_interest` is excluded on purpose: 贴息 is paid per loan per quarter by its
 * own schedule (shared/lifecycle/loan.ts `subsidiseQuarter`), and evaluating it here as
 * well would pay the same interest twice.
 */
export function autoGrantPolicies(
  policies: readonly PolicyVersion[],
  asOf: IsoDate,
  only?: readonly string[],
): PolicyVersion[] {
  return policies.filter(
    (p) =>
      (p.mode === 'auto' || p.mode === 'both') &&
      p.kind !== 'loan_interest' &&
      p.kind !== 'startup_loan' &&
      p.effectiveFrom <= asOf &&
      asOf <= p.effectiveTo &&
      (only === undefined || only.length === 0 || only.includes(p.id)),
  );
}

/**
 * The period a grant is for. The one-off benefits of POLICIES.md (hire-local "one-off",
 * 2020 measures) are owed once per policy version's window, named by the year the window
 * opens: `2020`. A new window (a new version) starts a new period.
 */
export function grantPeriodOf(policy: Pick<PolicyVersion, 'effectiveFrom'>): string {
  return policy.effectiveFrom.slice(0, 4);
}

/**
 * Enterprise or person, from the official code a feed names the subject by: a valid
 * 居民身份证号 is a person, anything else (统一社会信用代码) an enterprise. A policy is only
 * evaluated for its own kind of subject, which also spares half the evaluations.
 */
export function subjectKindOfCode(officialCode: string): SubjectKind {
  return isValidIdNumber(officialCode) ? 'person' : 'enterprise';
}

/** Why a (policy, subject) pair produced no grant; the run record counts each. */
export const SKIP_REASONS = [
  'ineligible',
  'incomplete',
  'already_granted',
  'already_claimed',
  'zero_amount',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
