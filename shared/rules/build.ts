/**
 * Terse constructors for rule trees, so the catalogue reads like the clause it encodes:
 *   gte(fact('social_insurance.unemploymentInsurancePaidFen'), 1)
 * They only build plain JSON; nothing here evaluates. Bare numbers, strings, booleans and
 * null become `const` nodes.
 */
import type { ArithmeticOp, CompareOp, Condition, Expr, Scalar, Tier } from './ast';

export type Operand = Expr | Scalar;

const isExpr = (x: Operand): x is Expr => typeof x === 'object' && x !== null;
export const lift = (x: Operand): Expr => (isExpr(x) ? x : { op: 'const', value: x });

export const fact = (path: string): Expr => ({ op: 'fact', path });
export const item = (path: string): Expr => ({ op: 'item', path });
export const date = (value: string): Expr => ({ op: 'date', value });
export const asOf = (): Expr => ({ op: 'asOf' });
/** A bare string is an ISO date here. */
export const addMonths = (d: Operand, months: number): Expr => ({
  op: 'addMonths',
  date: typeof d === 'string' ? date(d) : lift(d),
  months,
});

const compare =
  (op: CompareOp) =>
  (a: Operand, b: Operand): Expr => ({ op, args: [lift(a), lift(b)] });
export const eq = compare('eq');
export const ne = compare('ne');
export const gt = compare('gt');
export const gte = compare('gte');
export const lt = compare('lt');
export const lte = compare('lte');

export const oneOf = (value: Operand, options: Array<string | number>): Expr => ({
  op: 'in',
  value: lift(value),
  options,
});
/** Inclusive window; bare strings are ISO dates here. */
export const within = (value: Operand, from: Operand | string, to: Operand | string): Expr => ({
  op: 'within',
  value: lift(value),
  from: typeof from === 'string' ? date(from) : lift(from),
  to: typeof to === 'string' ? date(to) : lift(to),
});

export const and = (...args: Operand[]): Expr => ({ op: 'and', args: args.map(lift) });
export const or = (...args: Operand[]): Expr => ({ op: 'or', args: args.map(lift) });
export const not = (arg: Operand): Expr => ({ op: 'not', arg: lift(arg) });

export const count = (list: string, where?: Expr, as?: string): Expr => ({
  op: 'count',
  list,
  ...(where ? { where } : {}),
  ...(as ? { as } : {}),
});
export const sum = (list: string, of: Operand, where?: Expr, as?: string): Expr => ({
  op: 'sum',
  list,
  of: lift(of),
  ...(where ? { where } : {}),
  ...(as ? { as } : {}),
});

const arithmetic =
  (op: ArithmeticOp) =>
  (...args: Operand[]): Expr => ({ op, args: args.map(lift) });
export const add = arithmetic('add');
export const sub = arithmetic('sub');
export const mul = arithmetic('mul');
export const min = arithmetic('min');
export const max = arithmetic('max');

/** floor(value × mul ÷ div): a rate in basis points is mulDiv(x, bp, 10_000). */
export const mulDiv = (value: Operand, mulBy: number, divBy: number): Expr => ({
  op: 'mulDiv',
  value: lift(value),
  mul: mulBy,
  div: divBy,
});
export const tier = (value: Operand, tiers: Tier[], otherwise = 0): Expr => ({
  op: 'tier',
  value: lift(value),
  tiers,
  otherwise,
});
export const when = (cond: Operand, then: Operand, otherwise: Operand): Expr => ({
  op: 'if',
  cond: lift(cond),
  then: lift(then),
  else: lift(otherwise),
});

export const condition = (id: string, label: string, rule: Expr): Condition => ({
  id,
  label,
  rule,
});
