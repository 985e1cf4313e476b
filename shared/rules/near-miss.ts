/**
 * Near misses (issue #17, #11's "政策找企业"): for a subject a policy does not fit, the
 * conditions that fail and — when exactly one fails — what would meet it, in words
 * ("再稳定就业1个月即可申请"). Pure: it reads the rule engine's explanation and re-judges
 * parts of the failing condition's rule on the same facts, never the clock.
 */
import { FACT_FIELD_LABELS, factValueText } from '../facts/labels';
import { factsAsOf, type Fact, type FactView } from '../facts/fact';
import { formatFen, type Fen } from '../money';
import { NO_PARAMS, compile } from './compile';
import type { Expr, ParamValues } from './ast';
import { EFFECTIVE_WINDOW, type Evaluation, type RuleSet } from './evaluate';

export interface FailingCondition {
  id: string;
  label: string;
  /** What was found, in words ("连续缴费月数：2个月"). */
  detail: string;
}

export interface NearMiss {
  /** Every condition that fails, in the policy's order. */
  failing: FailingCondition[];
  /** What would meet the one failing condition; absent when more than one fails. */
  hint?: string;
}

/** How a shortfall in a counted field is said, by fact path (anything else: "还差N"). */
const SHORTFALL_PHRASES: Readonly<Record<string, (n: number) => string>> = {
  'social_insurance.consecutiveMonths': (n) => `再稳定就业${String(n)}个月即可申请`,
  'employment_registry.businessMonthsOperating': (n) => `再正常经营${String(n)}个月即可申请`,
};

/**
 * The near miss of one evaluation, or undefined when the policy is not missed (eligible, or
 * undecided for want of facts). `facts` are the subject's facts the evaluation was made on.
 */
export function nearMissOf(
  ruleSet: RuleSet,
  e: Evaluation,
  facts: readonly Fact[],
  params: ParamValues = NO_PARAMS,
): NearMiss | undefined {
  if (e.verdict !== 'ineligible') return undefined;
  const failing = e.conditions
    .filter((c) => c.passed === false)
    .map((c) => ({ id: c.id, label: c.label, detail: detailOf(c.values) }));
  if (failing.length !== 1) return { failing };
  const only = failing[0] as FailingCondition;
  const view = factsAsOf(facts, e.asOf);
  const hint =
    only.id === EFFECTIVE_WINDOW
      ? windowHint(ruleSet, e.asOf)
      : ruleHint(ruleSet.eligibility.find((c) => c.id === only.id)?.rule, view, e.asOf, params);
  return { failing, hint: hint ?? `满足「${only.label}」即可申请` };
}

function detailOf(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .map(([path, value]) => {
      const name = FACT_FIELD_LABELS[path] ?? (/[\u4e00-\u9fff]/.test(path) ? path : undefined);
      const text = factValueText(path, value);
      return name ? `${name}：${text}` : text;
    })
    .filter((s) => s !== '')
    .join('，');
}

function windowHint(r: RuleSet, asOf: string): string {
  return asOf < r.effectiveFrom
    ? `${r.effectiveFrom}起即可申请`
    : `本期政策已于${r.effectiveTo}截止，有新一期政策时可再申请`;
}

type Judged = { value: unknown; missing: boolean };

function judge(e: Expr, view: FactView, asOf: string, params: ParamValues): Judged {
  const out = compile(e, undefined, params).evaluate(view, asOf);
  return { value: out.value, missing: out.value === undefined };
}

/**
 * What would make `rule` true, or undefined when it cannot be said simply. Walks into an
 * `and` whose one part fails; a numeric threshold says the shortfall; an equality says the
 * value needed.
 */
function ruleHint(
  rule: Expr | undefined,
  view: FactView,
  asOf: string,
  params: ParamValues,
): string | undefined {
  if (!rule) return undefined;
  switch (rule.op) {
    case 'and': {
      const failed = rule.args.filter((a) => judge(a, view, asOf, params).value === false);
      return failed.length === 1 ? ruleHint(failed[0], view, asOf, params) : undefined;
    }
    case 'gte':
    case 'gt':
      return shortfall(rule.args[0], rule.args[1], rule.op === 'gt' ? 1 : 0, view, asOf, params);
    case 'lte':
    case 'lt':
      return shortfall(rule.args[1], rule.args[0], rule.op === 'lt' ? 1 : 0, view, asOf, params);
    case 'eq': {
      const [left, right] = rule.args;
      if (left.op !== 'fact' || right.op !== 'const' || right.value === null) return undefined;
      const name = FACT_FIELD_LABELS[left.path];
      return name ? `${name}为「${factValueText(left.path, right.value)}」即可申请` : undefined;
    }
    default:
      return undefined;
  }
}

/** `have (+ strict) <= need`: how much more `have` needs, said in the field's words. */
function shortfall(
  have: Expr,
  need: Expr,
  strict: number,
  view: FactView,
  asOf: string,
  params: ParamValues,
): string | undefined {
  const h = judge(have, view, asOf, params).value;
  const n = judge(need, view, asOf, params).value;
  if (typeof h !== 'number' || typeof n !== 'number') return undefined;
  const gap = n - h + strict;
  if (gap <= 0) return undefined;
  if (have.op === 'fact') {
    const phrase = SHORTFALL_PHRASES[have.path];
    if (phrase) return phrase(gap);
    const name = FACT_FIELD_LABELS[have.path];
    if (!name) return undefined;
    const amount = /Fen$/.test(have.path)
      ? formatFen(gap as Fen, 'suffix')
      : factValueText(have.path, gap);
    return `${name}还差${amount}即可申请`;
  }
  if (have.op === 'count')
    return `再有${String(gap)}${have.as ? `项「${have.as}」` : '项'}符合即可申请`;
  return undefined;
}
