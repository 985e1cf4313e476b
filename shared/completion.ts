/**
 * Completion as the seeds count it (issue #16). Seed 002 reports rent waivers as "516 should be
 * waived, 71 done, waiver rate 6.55%": done ÷ should-be-done, by count and by amount, where the
 * should-be-done population is everyone the rules find eligible on a date, applied or not.
 * Today's rate (paid ÷ approved) only sees those who are already in the pipeline.
 *
 * Pure:
 * - `populationPage`: one page of subjects' current facts judged against published versions,
 *   each as of its own date, into tallies the run machinery sums per segment
 *   (functions/repositories/runs.ts `Delta.tallies`): per policy, the subjects eligible with an
 *   amount above 0 (what a run would grant: the same decision, the same min(amount, cap)) and
 *   their amounts;
 * - `rateBp`: a rate in basis points, exact (BigInt), rounded half up to the nearest basis
 *   point (71/516 = 13.7597…% → 1376 bp, shown 13.76%); unknown (null) when nothing should be
 *   done, never 0%;
 * - `seedsCompletion` / `sumSeedsCompletion`: the figures the dashboard shows, per policy and
 *   summed per department.
 */
import { subjectKindOfCode } from './auto-grant';
import type { IsoDate } from './facts/dates';
import type { Fact } from './facts/fact';
import type { SubjectId } from './ids';
import type { PolicyVersion } from './policies/types';
import type { ParamValues } from './rules/ast';
import { compileRuleSet } from './rules/evaluate';
import { rateBp } from './completion-rate';
import type { SeedsCompletion, SeedsCompletionSum } from './schemas/admin';

export { formatRateBp, rateBp } from './completion-rate';

export type { SeedsCompletion, SeedsCompletionSum };

/** A policy version to count, and the date it is judged as of (kept inside its window). */
export interface PopulationTarget {
  readonly version: PolicyVersion;
  readonly asOf: IsoDate;
}

/** Tally keys of one policy: `<policyId>.n` eligible subjects, `<policyId>.fen` their amounts. */
export const populationKeys = (policyId: string) =>
  ({ count: `${policyId}.n`, amountFen: `${policyId}.fen` }) as const;

/**
 * Adds one page of subjects to `tally`: for each target of the subject's kind whose rules find
 * the subject eligible with an amount above 0, one subject and its amount. A subject whose
 * rules cannot be evaluated counts under `<policyId>.err` (never as eligible).
 */
export function populationPage(
  subjects: readonly { readonly subjectId: SubjectId; readonly facts: readonly Fact[] }[],
  targets: readonly PopulationTarget[],
  tally: Record<string, number>,
  params?: ParamValues,
): void {
  const bump = (key: string, by: number) => {
    if (by !== 0) tally[key] = (tally[key] ?? 0) + by;
  };
  const compiled = targets.map((t) => {
    try {
      return { t, rules: compileRuleSet(t.version, params) };
    } catch {
      return { t, rules: undefined };
    }
  });
  for (const s of subjects) {
    const code = s.facts[0]?.subjectId;
    if (code === undefined) continue;
    const kind = subjectKindOfCode(code);
    for (const { t, rules } of compiled) {
      if (t.version.subjectKind !== kind) continue;
      const keys = populationKeys(t.version.id);
      let decision;
      try {
        if (!rules) throw new Error('not compiled');
        decision = rules.decide(s.facts, t.asOf);
      } catch {
        bump(`${t.version.id}.err`, 1);
        continue;
      }
      if (!decision.eligible || decision.amountFen <= 0) continue;
      bump(keys.count, 1);
      bump(keys.amountFen, decision.amountFen);
    }
  }
}

/** One policy's population from a run's summed tallies. */
export function populationOf(
  tally: Readonly<Record<string, number>>,
  policyId: string,
): { count: number; amountFen: number; errors: number } {
  const keys = populationKeys(policyId);
  return {
    count: tally[keys.count] ?? 0,
    amountFen: tally[keys.amountFen] ?? 0,
    errors: tally[`${policyId}.err`] ?? 0,
  };
}

/** The latest population computed for a policy (functions/repositories/population.ts). */
export interface Population {
  readonly policyId: string;
  readonly version: number;
  readonly asOf: IsoDate;
  readonly count: number;
  readonly amountFen: number;
  readonly computedAt: string;
}

/** The seeds' completion of one policy; undefined (unknown) when no population was computed. */
export function seedsCompletion(
  population: Population | undefined,
  done: { count: number; fen: number },
): SeedsCompletion | undefined {
  if (!population) return undefined;
  return {
    asOf: population.asOf,
    version: population.version,
    computedAt: population.computedAt,
    shouldCount: population.count,
    shouldFen: population.amountFen,
    doneCount: done.count,
    doneFen: done.fen,
    countRateBp: rateBp(done.count, population.count),
    amountRateBp: rateBp(done.fen, population.amountFen),
  };
}

/**
 * A department's seeds' completion: its policies with a population, summed (done and
 * should-be-done over the same policies, so the rate compares like with like); undefined when
 * none has one. Counts of subjects add up across policies as benefits (a subject eligible
 * under two policies should be served twice).
 */
export function sumSeedsCompletion(
  items: readonly (SeedsCompletion | undefined)[],
): SeedsCompletionSum | undefined {
  const known = items.filter((s): s is SeedsCompletion => s !== undefined);
  const first = known[0];
  if (!first) return undefined;
  const add = (f: (s: SeedsCompletion) => number) => known.reduce((n, s) => n + f(s), 0);
  const shouldCount = add((s) => s.shouldCount);
  const shouldFen = add((s) => s.shouldFen);
  const doneCount = add((s) => s.doneCount);
  const doneFen = add((s) => s.doneFen);
  return {
    policies: known.length,
    asOf: known.reduce((d, s) => (s.asOf < d ? s.asOf : d), first.asOf),
    shouldCount,
    shouldFen,
    doneCount,
    doneFen,
    countRateBp: rateBp(doneCount, shouldCount),
    amountRateBp: rateBp(doneFen, shouldFen),
  };
}

/**
 * Whether a newly computed population replaces the stored one: a later date, or the same date
 * computed later (a rerun of the same computation changes nothing). The repository's
 * conditional write says the same.
 */
export function supersedes(
  next: Pick<Population, 'asOf' | 'computedAt'>,
  stored: Pick<Population, 'asOf' | 'computedAt'> | undefined,
): boolean {
  if (!stored) return true;
  return (
    next.asOf > stored.asOf || (next.asOf === stored.asOf && next.computedAt > stored.computedAt)
  );
}
