/**
 * 免申即享 selection rules, pure (DESIGN §3, §4, §7): which policies an auto-grant run
 * evaluates on a given day, which subjects each applies to, and the period that makes
 * a grant unique per (policy, subject, period).
 */
import { claimPeriodOf } from './entitlement';
import type { IsoDate } from './facts/dates';
import type { Fact } from './facts/fact';
import { deterministicId, type GrantId, type PolicyId, type SubjectId } from './ids';
import { grantIdFor } from './lifecycle/grant';
import type { Fen } from './money';
import { compileRuleSet, type Decision } from './rules/evaluate';
import type { ParamValues } from './rules/ast';
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

// ── one page of a run (issue #15: decided here, not in functions/services/auto-grant.ts) ──

/** What a page adds to its run's totals: counters plus skip reasons (repositories/runs `Delta`). */
export type PageTally = {
  counters: Partial<
    Record<'subjectsScanned' | 'evaluations' | 'grantsCreated' | 'grantedFen' | 'errors', number>
  >;
  skipped: Record<string, number>;
};

const bump = (bag: Record<string, number | undefined>, key: string, by = 1): void => {
  bag[key] = (bag[key] ?? 0) + by;
};

/** A (policy, subject) pair the data proves: the grant to create, keyed by (policy, subject, period). */
export type GrantCandidate = {
  readonly policy: PolicyVersion;
  readonly subjectId: SubjectId;
  readonly grantId: GrantId;
  readonly amountFen: Fen;
  readonly claimPeriod: string;
};

/**
 * Evaluates one page of subjects against a run's policies (the bulk `decide`, no
 * explanation): each policy only for its own kind of subject; ineligible, incomplete and
 * zero-amount pairs are counted as skipped, a rule error as an error; the rest are candidates.
 */
export function evaluatePage(
  subjects: readonly { readonly subjectId: SubjectId; readonly facts: readonly Fact[] }[],
  policies: readonly PolicyVersion[],
  asOf: IsoDate,
  tally: PageTally,
  /** the dated parameters' values (the published catalogue's) */
  params?: ParamValues,
): GrantCandidate[] {
  const candidates: GrantCandidate[] = [];
  for (const s of subjects) {
    const code = s.facts[0]?.subjectId;
    if (code === undefined) continue;
    const kind = subjectKindOfCode(code);
    for (const policy of policies) {
      if (policy.subjectKind !== kind) continue;
      bump(tally.counters, 'evaluations');
      let ev: Decision;
      try {
        ev = compileRuleSet(policy, params).decide(s.facts, asOf);
      } catch {
        bump(tally.counters, 'errors');
        continue;
      }
      if (!ev.eligible) {
        bump(tally.skipped, ev.verdict);
        continue;
      }
      if (ev.amountFen <= 0) {
        bump(tally.skipped, 'zero_amount');
        continue;
      }
      candidates.push({
        policy,
        subjectId: s.subjectId,
        grantId: grantIdFor(policyIdOf(policy.id), s.subjectId, grantPeriodOf(policy)),
        amountFen: ev.amountFen,
        claimPeriod: claimPeriodOf(policy.benefitPeriod, asOf),
      });
    }
  }
  return candidates;
}

/** A grant this run wrote counts as created (once); one another run wrote, as already granted. */
export function countExisting(
  c: Pick<GrantCandidate, 'amountFen'>,
  owner: { readonly runId?: string } | undefined,
  runId: string,
  tally: PageTally,
): void {
  if (owner?.runId === runId) {
    bump(tally.counters, 'grantsCreated');
    bump(tally.counters, 'grantedFen', c.amountFen);
  } else bump(tally.skipped, 'already_granted');
}

/**
 * The candidates of a page still to write. A grant that exists already was written by this
 * very run before a crash (counted as created, once, now) or by another run (already granted).
 */
export function freshCandidates(
  candidates: readonly GrantCandidate[],
  existing: ReadonlyMap<GrantId, { readonly runId?: string }>,
  runId: string,
  tally: PageTally,
): GrantCandidate[] {
  return candidates.filter((c) => {
    const found = existing.get(c.grantId);
    if (!found) return true;
    countExisting(c, found, runId, tally);
    return false;
  });
}

/** A grant written by this page. */
export function countCreated(c: Pick<GrantCandidate, 'amountFen'>, tally: PageTally): void {
  bump(tally.counters, 'grantsCreated');
  bump(tally.counters, 'grantedFen', c.amountFen);
}

/** A pair whose benefit an application already holds: skipped, counted. */
export function countClaimed(tally: PageTally): void {
  bump(tally.skipped, 'already_claimed');
}

/** A rule or data error of one grant: counted; the page goes on. */
export function countError(tally: PageTally): void {
  bump(tally.counters, 'errors');
}
