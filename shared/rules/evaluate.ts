/**
 * Judges one subject against one policy version as of a date: the verdict, the amount in
 * fen, and every condition with the values it used — the same function gives the estimate
 * in the mini-app and the decision in Lambda, so the two cannot disagree.
 *
 * `decide` is the bulk path (the auto-grant run): the same closures and the same verdict and
 * amount, minus the explanation — it builds no per-condition records and stops at the first
 * condition that fails. `evaluate` stays the reference it is tested against.
 */
import { fen, type Fen } from '../money';
import type { IsoDate } from '../facts/dates';
import { assertOneSubject, factsAsOf, type Fact, type FactView } from '../facts/fact';
import type { Condition, Expr, ParamValues } from './ast';
import { compileExpr, MISSING, NO_PARAMS, type Ctx, type Fn, type Shown } from './compile';

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
  /** false skips recording values used (every condition is still judged and listed). */
  explain?: boolean;
  /** The published parameters the rules read (`param`); none by default. */
  params?: ParamValues;
}

/**
 * The bulk 免申即享 answer: what `evaluate` decides, without saying why. verdict, eligible
 * and amountFen always equal `evaluate`'s; missingFacts equals it when the verdict is
 * 'incomplete' and is empty otherwise (an ineligible subject is not asked for anything).
 */
export interface Decision {
  verdict: Verdict;
  eligible: boolean;
  /** 0 unless eligible; never above the cap. */
  amountFen: Fen;
  readonly missingFacts: readonly string[];
}

export const EFFECTIVE_WINDOW = 'effective_window';

export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  evaluate(facts: readonly Fact[], asOf: IsoDate, options?: EvaluateOptions): Evaluation;
  /** For callers that already picked the facts valid as of the date. */
  evaluateView(view: FactView, asOf: IsoDate, options?: EvaluateOptions): Evaluation;
  /** The bulk fast path: verdict and amount only (see `Decision`). */
  decide(facts: readonly Fact[], asOf: IsoDate): Decision;
  decideView(view: FactView, asOf: IsoDate): Decision;
}

interface CompiledCondition {
  id: string;
  label: string;
  fn: Fn;
}

/** Everything about a rule set that does not depend on the subject, worked out once. */
interface Prepared {
  ruleSet: RuleSet;
  windowLabel: string;
  conditions: readonly CompiledCondition[];
  /** The same conditions' closures, for the fast path's loop. */
  fns: readonly Fn[];
  amount: Fn;
}

const caches = new WeakMap<ParamValues, WeakMap<RuleSet, CompiledRuleSet>>();

/**
 * Compiles once per (policy object, parameter table); later calls return the same evaluator.
 * A rule naming a parameter the table does not have is refused here (INVALID_INPUT).
 */
export function compileRuleSet(ruleSet: RuleSet, params: ParamValues = NO_PARAMS): CompiledRuleSet {
  let cache = caches.get(params);
  if (!cache) {
    cache = new WeakMap();
    caches.set(params, cache);
  }
  const cached = cache.get(ruleSet);
  if (cached) return cached;
  const conditions = ruleSet.eligibility.map((c) => ({
    id: c.id,
    label: c.label,
    fn: compileExpr(c.rule, 'boolean', params).fn,
  }));
  const p: Prepared = {
    ruleSet,
    windowLabel: `在政策有效期内（${ruleSet.effectiveFrom} 至 ${ruleSet.effectiveTo}）`,
    conditions,
    fns: conditions.map((c) => c.fn),
    amount: compileExpr(ruleSet.amount, 'number', params).fn,
  };
  const evaluateView = (view: FactView, asOf: IsoDate, options?: EvaluateOptions) =>
    judge(p, view, asOf, options?.explain ?? true);
  const decideView = (view: FactView, asOf: IsoDate) => decideFast(p, view, asOf);
  const compiled: CompiledRuleSet = {
    ruleSet,
    evaluateView,
    evaluate: (facts, asOf, options) => {
      assertOneSubject(facts);
      return evaluateView(factsAsOf(facts, asOf), asOf, options);
    },
    decideView,
    decide: (facts, asOf) => {
      assertOneSubject(facts);
      return decideView(factsAsOf(facts, asOf), asOf);
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
  return compileRuleSet(ruleSet, options?.params).evaluate(facts, asOf, options);
}

/** The fast path for bulk runs: same verdict and amount as `evaluate`, no explanation. */
export function decide(
  ruleSet: RuleSet,
  facts: readonly Fact[],
  asOf: IsoDate,
  params?: ParamValues,
): Decision {
  return compileRuleSet(ruleSet, params).decide(facts, asOf);
}

const inWindow = (ruleSet: RuleSet, asOf: IsoDate) =>
  ruleSet.effectiveFrom <= asOf && asOf <= ruleSet.effectiveTo;

/** One context reused across a subject's conditions (its `missing` is emptied between them). */
const ctxFor = (view: FactView, asOf: IsoDate): Ctx => ({
  view,
  asOf,
  item: undefined,
  reads: null,
  missing: [],
});

const NONE: readonly string[] = Object.freeze([]);
const INELIGIBLE: Decision = Object.freeze({
  verdict: 'ineligible',
  eligible: false,
  amountFen: fen(0),
  missingFacts: NONE,
});

/** Missing-fact names, de-duplicated and sorted — the order `evaluate` reports them in. */
const sortedUnique = (names: readonly string[]): string[] =>
  names.length === 0 ? [] : names.length === 1 ? [names[0] as string] : [...new Set(names)].sort();

/**
 * A condition that fails settles the verdict — 'ineligible' wins over any number of
 * undecided ones — so the loop stops at the first `false`. Undecided conditions only note
 * their missing facts and go on: a later one may still fail.
 */
function decideFast(p: Prepared, view: FactView, asOf: IsoDate): Decision {
  const { ruleSet, fns } = p;
  if (!inWindow(ruleSet, asOf)) return INELIGIBLE;
  const ctx = ctxFor(view, asOf);
  const seen = ctx.missing;
  let missing: string[] | null = null;
  for (let i = 0; i < fns.length; i++) {
    const v = (fns[i] as Fn)(ctx);
    if (v === true) {
      seen.length = 0; // e.g. an `或` that passed on one branch needs nothing from the other
      continue;
    }
    if (v !== MISSING) return INELIGIBLE;
    if (missing === null) missing = [];
    for (const m of seen) missing.push(m);
    seen.length = 0;
  }
  const v = p.amount(ctx);
  if (v === MISSING) {
    if (missing === null) missing = [];
    for (const m of seen) missing.push(m);
  }
  if (missing !== null)
    return {
      verdict: 'incomplete',
      eligible: false,
      amountFen: fen(0),
      missingFacts: sortedUnique(missing),
    };
  // A negative result (e.g. entitlement minus amounts already paid) means nothing is owed.
  const raw = typeof v === 'number' ? Math.max(0, v) : 0;
  return {
    verdict: 'eligible',
    eligible: true,
    amountFen: fen(Math.min(raw, ruleSet.capFen)),
    missingFacts: NONE,
  };
}

function judge(p: Prepared, view: FactView, asOf: IsoDate, explain: boolean): Evaluation {
  const { ruleSet } = p;
  const missing: string[] = [];
  let failed = !inWindow(ruleSet, asOf);
  let undecided = false;
  // Every condition is evaluated (no short-circuit between them) so the applicant sees all
  // reasons at once and every missing fact is asked for in one go.
  const results: ConditionResult[] = [
    { id: EFFECTIVE_WINDOW, label: p.windowLabel, passed: !failed, values: { asOf } },
  ];
  const ctx = ctxFor(view, asOf);
  const seen = ctx.missing;
  for (const c of p.conditions) {
    ctx.reads = explain ? {} : null;
    const v = c.fn(ctx);
    const passed = v === MISSING ? null : v === true;
    // Only undecided conditions ask for facts: `或` that passed on one branch needs no more.
    if (passed === null) {
      undecided = true;
      for (const m of seen) missing.push(m);
    } else if (!passed) failed = true;
    seen.length = 0;
    results.push({ id: c.id, label: c.label, passed, values: ctx.reads ?? {} });
  }
  let raw = 0;
  if (!failed) {
    ctx.reads = null;
    const v = p.amount(ctx);
    if (v === MISSING) {
      undecided = true;
      for (const m of seen) missing.push(m);
    }
    // A negative result (e.g. entitlement minus amounts already paid) means nothing is owed.
    raw = typeof v === 'number' ? Math.max(0, v) : 0;
  }
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
    missingFacts: sortedUnique(missing),
  };
}
