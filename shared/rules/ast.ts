/**
 * The rule language: a JSON-serialisable expression tree, stored inside each policy
 * version, validated by zod on the way in and type-checked by `compile`.
 *
 * Small on purpose — everything the seed policies need and nothing else:
 *   values      const, date, fact (a path into the facts valid as of the date), item (inside
 *               count/sum), asOf, addMonths, param (a named dated parameter, its value as of the date)
 *   comparison  eq ne gt gte lt lte (numbers, or ISO dates), in (one of), within (date window)
 *   logic       and or not
 *   lists       count / sum over a fact list with an optional filter
 *   money       add sub mul min max (integers), mulDiv (the only rounding: floor), tier, if
 * Money is integer fen throughout; rates are integers (basis points) used through mulDiv.
 */
import { z } from 'zod';
import { IsoDate } from '../facts/dates';

export type Scalar = number | string | boolean | null;

export type CompareOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'min' | 'max';

export type Expr =
  | { op: 'const'; value: Scalar }
  | { op: 'date'; value: string }
  | { op: 'fact'; path: string }
  | { op: 'item'; path: string }
  | { op: 'asOf' }
  | { op: 'param'; name: string }
  | { op: 'addMonths'; date: Expr; months: number }
  | { op: CompareOp; args: [Expr, Expr] }
  | { op: 'in'; value: Expr; options: Array<string | number> }
  | { op: 'within'; value: Expr; from: Expr; to: Expr }
  | { op: 'and' | 'or'; args: Expr[] }
  | { op: 'not'; arg: Expr }
  | { op: 'count'; list: string; where?: Expr; as?: string }
  | { op: 'sum'; list: string; of: Expr; where?: Expr; as?: string }
  | { op: ArithmeticOp; args: Expr[] }
  | { op: 'mulDiv'; value: Expr; mul: number; div: number }
  | { op: 'tier'; value: Expr; tiers: Tier[]; otherwise: number }
  | { op: 'if'; cond: Expr; then: Expr; else: Expr };

/** `value >= atLeast` pays `amount`; tiers are listed highest first and the first match wins. */
export interface Tier {
  atLeast: number;
  amount: number;
}

/**
 * A named parameter (`hire-local.per-person`): lowercase words joined by `-`, namespaced by
 * `.`; its value on the as-of date comes from the published parameter table.
 */
export const ParamName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/,
    '参数名格式应为 政策编号.名称（小写字母、数字和连字符）',
  );

/** One value of a parameter and the day it takes effect (it holds until the next one). */
export interface DatedValue {
  from: string;
  value: number;
}
/** Parameter name → its values, ordered by `from` (the rule engine's view of the parameter table). */
export type ParamValues = ReadonlyMap<string, readonly DatedValue[]>;

/** `source.field.sub`: a source name, then one or more fields. */
const FactPath = z
  .string()
  .regex(/^[a-z_]+(\.[A-Za-z][A-Za-z0-9]*)+$/, '事实路径格式应为 来源.字段');
const ItemPath = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/);
const Int = z.number().int();
/** Aggregates may be named in Chinese: the name is what the applicant sees next to the value. */
const AggregateName = z.string().min(1).max(40);

const Tier = z.object({ atLeast: z.number(), amount: Int.nonnegative() });

export const Expr: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({
      op: z.literal('const'),
      value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
    }),
    z.object({ op: z.literal('date'), value: IsoDate }),
    z.object({ op: z.literal('fact'), path: FactPath }),
    z.object({ op: z.literal('item'), path: ItemPath }),
    z.object({ op: z.literal('asOf') }),
    z.object({ op: z.literal('param'), name: ParamName }),
    z.object({ op: z.literal('addMonths'), date: Expr, months: Int }),
    z.object({ op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']), args: z.tuple([Expr, Expr]) }),
    z.object({
      op: z.literal('in'),
      value: Expr,
      options: z.array(z.union([z.string(), z.number()])).min(1),
    }),
    z.object({ op: z.literal('within'), value: Expr, from: Expr, to: Expr }),
    z.object({ op: z.enum(['and', 'or']), args: z.array(Expr).min(1) }),
    z.object({ op: z.literal('not'), arg: Expr }),
    z.object({
      op: z.literal('count'),
      list: FactPath,
      where: Expr.optional(),
      as: AggregateName.optional(),
    }),
    z.object({
      op: z.literal('sum'),
      list: FactPath,
      of: Expr,
      where: Expr.optional(),
      as: AggregateName.optional(),
    }),
    z.object({ op: z.enum(['add', 'sub', 'mul', 'min', 'max']), args: z.array(Expr).min(1) }),
    z.object({ op: z.literal('mulDiv'), value: Expr, mul: Int, div: Int.positive() }),
    z.object({
      op: z.literal('tier'),
      value: Expr,
      tiers: z.array(Tier).min(1),
      otherwise: Int.nonnegative(),
    }),
    z.object({ op: z.literal('if'), cond: Expr, then: Expr, else: Expr }),
  ]),
);

/**
 * One named test of eligibility. The label is shown to applicants as the reason they do
 * or do not qualify, so it states the requirement in the policy's words.
 */
export interface Condition {
  id: string;
  label: string;
  rule: Expr;
}

export const Condition: z.ZodType<Condition> = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, '条件编号应为小写字母、数字和下划线'),
  label: z.string().min(2).max(80),
  rule: Expr,
});
