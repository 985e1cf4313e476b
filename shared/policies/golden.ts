/**
 * The shape of a golden case, shared by the per-policy test tables: a policy officer reads
 * one row as "given these facts, on this date, the verdict is X, the amount Y yuan, and the
 * failing condition is Z".
 */
import type { Fact } from '../facts/fact';
import { yuan } from '../money';
import type { Evaluation, Verdict } from '../rules/evaluate';
import { SEED_CATALOGUE } from './index';

export interface GoldenCase {
  name: string;
  facts: Fact[];
  asOf: string;
  verdict: Verdict;
  /** Expected amount in yuan (checked as fen) when eligible. */
  yuan?: number;
  /** Ids of the conditions that must fail — exactly these. */
  failing?: string[];
  /** Facts the app must ask for — exactly these. */
  missing?: string[];
}

export function judge(policyId: string, c: GoldenCase): Evaluation {
  const policy = SEED_CATALOGUE.find(policyId);
  if (!policy) throw new Error(`no policy ${policyId}`);
  return SEED_CATALOGUE.evaluate(policy, c.facts, c.asOf);
}

/** Asserts one golden row; jest's `expect` is passed in so this file stays free of test globals. */
export function checkGolden(policyId: string, c: GoldenCase, expectFn: typeof expect): void {
  const result = judge(policyId, c);
  const failing = result.conditions.filter((x) => x.passed === false).map((x) => x.id);
  expectFn({ verdict: result.verdict, failing }).toEqual({
    verdict: c.verdict,
    // An ineligible row must name its failing conditions: "not eligible" alone proves little.
    failing: c.failing ?? [],
  });
  if (c.yuan !== undefined) expectFn(result.amountFen).toBe(yuan(c.yuan));
  if (c.verdict !== 'eligible') expectFn(result.amountFen).toBe(0);
  if (c.missing !== undefined) expectFn(result.missingFacts).toEqual(c.missing);
  if (c.verdict === 'incomplete') expectFn(result.missingFacts.length).toBeGreaterThan(0);
}
