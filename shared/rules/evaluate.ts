/**
 * Judges one subject against one policy version as of a date: the verdict, the amount in
 * fen, and every condition with the values it used — the same function gives the estimate
 * in the mini-app and the decision in Lambda, so the two cannot disagree.
 */
import { fen, type Fen } from '../money';
import type { IsoDate } from '../facts/dates';
import { assertOneSubject, factsAsOf, type Fact, type FactView } from '../facts/fact';
import type { Condition, Expr } from './ast';
import { compileExpr, MISSING, newCtx, type Fn, type Shown } from './compile';

/** What the engine needs from a policy version (`PolicyVersion` satisfies it). */
export interface RuleSet {
  readonly id: string;
  readonly version: number;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo: IsoDate;
  readonly eligibility: readonly Condition[];
  readonly amount: Expr;
  /** Per-subject ceiling in fen: the amount is min(rule amount, cap). */
  readonly capFen: number;
}

export interface ConditionResult {
  id: string;
  /** Chinese, shown to the applicant. */
  label: string;
  /** null: cannot be decided, a fact it needs is missing. */
  passed: boolean | null;
  /** Fact paths (or aggregate names) → the values this condition used. */
  values: Record<string, Shown>;
}

/** incomplete: nothing failed, but facts are missing — the app asks for `missingFacts`. */
export type Verdict = 'eligible' | 'ineligible' | 'incomplete';

export interface Evaluation {
  policyId: string;
  version: number;
  asOf: IsoDate;
  verdict: Verdict;
  eligible: boolean;
  /** What would be paid: 0 unless eligible; never above the cap. */
  amountFen: Fen;
  /** The rule's amount before the cap (0 unless eligible), so reviewers see the cap bite. */
  uncappedAmountFen: Fen;
  capApplied: boolean;
  conditions: ConditionResult[];
  /** Sources (`social_insurance`) or paths (`employment_registry.graduateOn`) to provide. */
  missingFacts: string[];
}

export interface EvaluateOptions {
  /** false skips recording values used: bulk 免申即享 runs only need verdict and amount. */
  explain?: boolean;
}

export const EFFECTIVE_WINDOW = 'effective_window';

export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  evaluate(facts: readonly Fact[], asOf: IsoDate, options?: EvaluateOptions): Evaluation;
  /** For callers that already picked the facts valid as of the date. */
  evaluateView(view: FactView, asOf: IsoDate, options?: EvaluateOptions): Evaluation;
}

interface CompiledCondition {
  id: string;
  label: string;
  fn: Fn;
}

const cache = new WeakMap<RuleSet, CompiledRuleSet>();

/** Compiles once per policy object; later calls return the same evaluator. */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const cached = cache.get(ruleSet);
  if (cached) return cached;
  const conditions = ruleSet.eligibility.map((c) => ({
    id: c.id,
    label: c.label,
    fn: compileExpr(c.rule, 'boolean').fn,
  }));
  const amount = compileExpr(ruleSet.amount, 'number').fn;
  const evaluateView = (view: FactView, asOf: IsoDate, options: EvaluateOptions = {}) =>
    judge(ruleSet, conditions, amount, view, asOf, options.explain ?? true);
  const compiled: CompiledRuleSet = {
    ruleSet,
    evaluateView,
    evaluate: (facts, asOf, options) => {
      assertOneSubject(facts);
      return evaluateView(factsAsOf(facts, asOf), asOf, options);
    },
  };
  cache.set(ruleSet, compiled);
  return compiled;
}

export function evaluate(
  ruleSet: RuleSet,
  facts: readonly Fact[],
  asOf: IsoDate,
  options?: EvaluateOptions,
): Evaluation {
  return compileRuleSet(ruleSet).evaluate(facts, asOf, options);
}

function windowCondition(ruleSet: RuleSet, asOf: IsoDate): ConditionResult {
  return {
    id: EFFECTIVE_WINDOW,
    label: `在政策有效期内（${ruleSet.effectiveFrom} 至 ${ruleSet.effectiveTo}）`,
    passed: ruleSet.effectiveFrom <= asOf && asOf <= ruleSet.effectiveTo,
    values: { asOf },
  };
}

function judge(
  ruleSet: RuleSet,
  conditions: readonly CompiledCondition[],
  amount: Fn,
  view: FactView,
  asOf: IsoDate,
  explain: boolean,
): Evaluation {
  const missing = new Set<string>();
  // Every condition is evaluated (no short-circuit between them) so the applicant sees all
  // reasons at once and every missing fact is asked for in one go.
  const results = [windowCondition(ruleSet, asOf)];
  for (const c of conditions) {
    const ctx = newCtx(view, asOf, explain);
    const v = c.fn(ctx);
    // Only undecided conditions ask for facts: `或` that passed on one branch needs no more.
    if (v === MISSING) ctx.missing.forEach((m) => missing.add(m));
    results.push({ id: c.id, label: c.label, passed: v === MISSING ? null : v === true, values: ctx.reads ?? {} });
  }
  const failed = results.some((r) => r.passed === false);
  let raw = 0;
  let amountUnknown = false;
  if (!failed) {
    const ctx = newCtx(view, asOf, false);
    const v = amount(ctx);
    amountUnknown = v === MISSING;
    if (amountUnknown) ctx.missing.forEach((m) => missing.add(m));
    // A negative result (e.g. entitlement minus amounts already paid) means nothing is owed.
    raw = typeof v === 'number' ? Math.max(0, v) : 0;
  }
  const undecided = results.some((r) => r.passed === null) || amountUnknown;
  const verdict: Verdict = failed ? 'ineligible' : undecided ? 'incomplete' : 'eligible';
  const eligible = verdict === 'eligible';
  const uncapped = eligible ? raw : 0;
  return {
    policyId: ruleSet.id,
    version: ruleSet.version,
    asOf,
    verdict,
    eligible,
    amountFen: fen(Math.min(uncapped, ruleSet.capFen)),
    uncappedAmountFen: fen(uncapped),
    capApplied: uncapped > ruleSet.capFen,
    conditions: results,
    missingFacts: [...missing].sort(),
  };
}
