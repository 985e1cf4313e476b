/**
 * 政策沙盘 (issue #11), pure: a policy version — a draft or a published one — judged over the
 * current facts of every subject, page by page, into numeric tallies that the run machinery
 * adds up per segment (functions/repositories/runs.ts `Delta.tallies`); then the report.
 *
 * The verdict and amount of each (version, subject) pair are exactly those of the auto-grant
 * run (shared/auto-grant.ts `evaluatePage`): the same compiled rule set, the same subject
 * kind test, the same min(amount, cap). So on the same facts, `payable` equals the run's
 * grantsCreated and `totalFen` its grantedFen (tested in test/integration/studio/sandbox).
 */
import { subjectKindOfCode } from './auto-grant';
import type { IsoDate } from './facts/dates';
import type { Fact } from './facts/fact';
import type { SubjectId } from './ids';
import type { PolicyVersion } from './policies/types';
import type { ParamValues } from './rules/ast';
import { compileRuleSet, type Evaluation } from './rules/evaluate';

/**
 * Upper bounds (fen, inclusive) of the distribution's buckets, the last one open: ¥100, ¥500,
 * ¥1,000, ¥2,000, ¥5,000, ¥10,000, ¥20,000, ¥50,000, ¥100,000, above. Fixed, so pages and
 * segments add up bucket by bucket whatever the policy.
 */
export const SANDBOX_BUCKET_BOUNDS: readonly number[] = [
  10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
];
export const SANDBOX_BUCKETS = SANDBOX_BUCKET_BOUNDS.length + 1;

/** The bucket of an amount above 0: the first whose bound it does not exceed. */
export function bucketOf(amountFen: number): number {
  const k = SANDBOX_BUCKET_BOUNDS.findIndex((b) => amountFen <= b);
  return k === -1 ? SANDBOX_BUCKET_BOUNDS.length : k;
}

/** Counters one page adds (every value an integer; summed over pages and segments). */
export type SandboxTally = Record<string, number>;

const bump = (t: SandboxTally, key: string, by = 1): void => {
  if (by !== 0) t[key] = (t[key] ?? 0) + by;
};

/**
 * The date a version is tried as of: `today` when it falls inside the version's window,
 * else the nearest end of the window (a 2027 draft is tried as of its first day).
 */
export function sandboxAsOf(
  version: Pick<PolicyVersion, 'effectiveFrom' | 'effectiveTo'>,
  today: IsoDate,
): IsoDate {
  if (today < version.effectiveFrom) return version.effectiveFrom;
  if (today > version.effectiveTo) return version.effectiveTo;
  return today;
}

type Judged = { verdict: Evaluation['verdict']; amountFen: number };

function judge(
  version: PolicyVersion,
  facts: readonly Fact[],
  asOf: IsoDate,
  params: ParamValues | undefined,
): Evaluation | 'error' {
  try {
    return compileRuleSet(version, params).evaluate(facts, asOf, { explain: false });
  } catch {
    return 'error';
  }
}

/**
 * One page of subjects against the version tried (`target`) and the version before it
 * (`baseline`, when there is one, judged as of the same date kept inside its own window).
 * Keys of the tally:
 * - `subjects` (of the target's kind), `eligible`, `ineligible`, `incomplete`, `errors`;
 *   `payable` (eligible with an amount above 0: what a run would grant), `zeroAmount`,
 *   `totalFen`, `b<k>` the amount buckets;
 * - `f.<condition id>` how many subjects each condition failed for (all of them, not only the first);
 * - against the baseline: `baseEligible` (payable under it), `baseTotalFen`, `gainers`/`gainedFen`,
 *   `losers`/`lostFen`, `newlyEligible`, `noLongerEligible`.
 */
export function sandboxPage(
  subjects: readonly { readonly subjectId: SubjectId; readonly facts: readonly Fact[] }[],
  target: PolicyVersion,
  baseline: PolicyVersion | undefined,
  asOf: IsoDate,
  tally: SandboxTally,
  params?: ParamValues,
): void {
  for (const s of subjects) {
    const code = s.facts[0]?.subjectId;
    if (code === undefined) continue;
    const kind = subjectKindOfCode(code);
    let now: Judged | undefined;
    if (target.subjectKind === kind) {
      bump(tally, 'subjects');
      const ev = judge(target, s.facts, asOf, params);
      if (ev === 'error') bump(tally, 'errors');
      else {
        bump(tally, ev.verdict);
        for (const c of ev.conditions) if (c.passed === false) bump(tally, `f.${c.id}`);
        if (ev.eligible && ev.amountFen > 0) {
          bump(tally, 'payable');
          bump(tally, 'totalFen', ev.amountFen);
          bump(tally, `b${String(bucketOf(ev.amountFen))}`);
        } else if (ev.eligible) bump(tally, 'zeroAmount');
        now = { verdict: ev.verdict, amountFen: ev.eligible ? ev.amountFen : 0 };
      }
    }
    if (!baseline) continue;
    let before: Judged | undefined;
    if (baseline.subjectKind === kind) {
      // the version before, judged inside its own window: the comparison is of rules, not of
      // calendars (a renewal would otherwise gain everyone its predecessor paid)
      const ev = judge(baseline, s.facts, sandboxAsOf(baseline, asOf), params);
      if (ev !== 'error')
        before = { verdict: ev.verdict, amountFen: ev.eligible ? ev.amountFen : 0 };
    }
    const a = now?.amountFen ?? 0;
    const b = before?.amountFen ?? 0;
    if (b > 0) {
      bump(tally, 'baseEligible');
      bump(tally, 'baseTotalFen', b);
    }
    if (a > b) {
      bump(tally, 'gainers');
      bump(tally, 'gainedFen', a - b);
      if (b === 0) bump(tally, 'newlyEligible');
    } else if (a < b) {
      bump(tally, 'losers');
      bump(tally, 'lostFen', b - a);
      if (a === 0) bump(tally, 'noLongerEligible');
    }
  }
}

export interface SandboxBudget {
  fiscalYear: number;
  /** the line's allocation, or the version's budgetFen when no line is open yet */
  allocatedFen: number;
  /** reserved + paid on the line */
  committedFen: number;
  remainingFen: number;
  /** the line's remaining funds cover the simulated total */
  covers: boolean;
  /** what the line lacks (0 when it covers) */
  shortfallFen: number;
  source: 'line' | 'document';
}

export interface SandboxReportBody {
  counts: {
    subjects: number;
    eligible: number;
    ineligible: number;
    incomplete: number;
    payable: number;
    zeroAmount: number;
    errors: number;
  };
  totalFen: number;
  averageFen: number;
  /** amounts of the payable subjects: (fromFen, toFen], the last bucket without toFen */
  distribution: { fromFen: number; toFen?: number; count: number }[];
  failingConditions: { id: string; label: string; count: number }[];
  comparison?: {
    baselineVersion: number;
    baselinePayable: number;
    baselineTotalFen: number;
    gainers: number;
    gainedFen: number;
    losers: number;
    lostFen: number;
    newlyEligible: number;
    noLongerEligible: number;
    netFen: number;
  };
  budget: SandboxBudget;
}

/** The report from the summed tallies (`windowLabel` names the effective-window condition). */
export function sandboxReport(
  tally: Readonly<SandboxTally>,
  target: Pick<PolicyVersion, 'eligibility' | 'effectiveFrom' | 'effectiveTo'>,
  baselineVersion: number | undefined,
  line: {
    fiscalYear: number;
    allocatedFen: number;
    committedFen: number;
    source: 'line' | 'document';
  },
): SandboxReportBody {
  const n = (k: string) => tally[k] ?? 0;
  const labels = new Map<string, string>(target.eligibility.map((c) => [c.id, c.label]));
  labels.set(
    'effective_window',
    `在政策有效期内（${target.effectiveFrom} 至 ${target.effectiveTo}）`,
  );
  const failingConditions = Object.entries(tally)
    .filter(([k, v]) => k.startsWith('f.') && v > 0)
    .map(([k, count]) => ({ id: k.slice(2), label: labels.get(k.slice(2)) ?? k.slice(2), count }))
    .sort((x, y) => y.count - x.count || x.id.localeCompare(y.id))
    .slice(0, 10);
  const distribution = Array.from({ length: SANDBOX_BUCKETS }, (_, k) => {
    const toFen = SANDBOX_BUCKET_BOUNDS[k];
    return {
      fromFen: k === 0 ? 0 : (SANDBOX_BUCKET_BOUNDS[k - 1] ?? 0),
      ...(toFen === undefined ? {} : { toFen }),
      count: n(`b${String(k)}`),
    };
  });
  const totalFen = n('totalFen');
  const payable = n('payable');
  const remainingFen = line.allocatedFen - line.committedFen;
  return {
    counts: {
      subjects: n('subjects'),
      eligible: n('eligible'),
      ineligible: n('ineligible'),
      incomplete: n('incomplete'),
      payable,
      zeroAmount: n('zeroAmount'),
      errors: n('errors'),
    },
    totalFen,
    averageFen: payable > 0 ? Math.round(totalFen / payable) : 0,
    distribution,
    failingConditions,
    ...(baselineVersion === undefined
      ? {}
      : {
          comparison: {
            baselineVersion,
            baselinePayable: n('baseEligible'),
            baselineTotalFen: n('baseTotalFen'),
            gainers: n('gainers'),
            gainedFen: n('gainedFen'),
            losers: n('losers'),
            lostFen: n('lostFen'),
            newlyEligible: n('newlyEligible'),
            noLongerEligible: n('noLongerEligible'),
            netFen: totalFen - n('baseTotalFen'),
          },
        }),
    budget: {
      ...line,
      remainingFen,
      covers: totalFen <= remainingFen,
      shortfallFen: Math.max(0, totalFen - remainingFen),
    },
  };
}
