/**
 * Turns a rule tree into closures once, checking types on the way, so evaluating the same
 * policy for a million subjects re-walks no JSON and a malformed policy fails at publish
 * time rather than in front of an applicant.
 *
 * Unknown facts use three-valued logic: a fact that is not on file is MISSING (recorded so
 * the app can ask for it), `and` with a false operand is still false, `or` with a true
 * operand still true, and anything else touching MISSING stays MISSING. `null` is different:
 * a registry saying "none" (no graduation date) — comparisons with null are simply false.
 */
import { invalidInput } from '../errors';
import { addMonths } from '../facts/dates';
import type { FactView } from '../facts/fact';
import { FACT_FIELDS, resolvePath, type Fields, type FieldType } from '../facts/paths';
import type { CompareOp, DatedValue, Expr, ParamValues, Scalar } from './ast';

export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;
type Val = Scalar | Missing;

/** A value shown next to a condition ("为什么（不）符合"); lists are shown by their size. */
export type Shown = string | number | boolean | null;

export interface Ctx {
  readonly view: FactView;
  readonly asOf: string;
  /** The list element under consideration inside count/sum. */
  item: unknown;
  /** Fact values read, by path; null when the caller does not want explanations (bulk runs). */
  reads: Record<string, Shown> | null;
  /**
   * Facts found missing while evaluating (may repeat; callers de-duplicate). An array, not a
   * Set: it is created per evaluation and is empty in almost every bulk run.
   */
  readonly missing: string[];
}

export type Fn = (ctx: Ctx) => Val;
export type ValueKind = 'number' | 'boolean' | 'string' | 'date' | 'null';
export interface ValueType {
  kind: ValueKind;
  options?: readonly string[];
}
export interface Compiled {
  type: ValueType;
  fn: Fn;
}

interface Scope {
  /** Set inside count/sum: the element fields and the list's path (for missing-fact names). */
  list?: { path: string; fields: Fields };
  /** The published parameters a `param` may name (an unknown name is refused). */
  params: ParamValues;
}

export const NO_PARAMS: ParamValues = new Map();

/** The value in force on `asOf` (values ordered by `from`); undefined before the first. */
export function paramValueOn(values: readonly DatedValue[], asOf: string): number | undefined {
  let found: number | undefined;
  for (const v of values) {
    if (v.from > asOf) break;
    found = v.value;
  }
  return found;
}

function compileParam(name: string, at: string, scope: Scope): Compiled {
  const values = scope.params.get(name);
  if (!values) fail(at, `未知的参数「${name}」`);
  const missingName = `参数 ${name}`;
  return {
    type: { kind: 'number' },
    fn: (ctx) => {
      const v = paramValueOn(values, ctx.asOf);
      if (v === undefined) {
        ctx.missing.push(missingName);
        return MISSING;
      }
      if (ctx.reads) ctx.reads[name] = v;
      return v;
    },
  };
}

function fail(at: string, problem: string): never {
  throw invalidInput(`规则无效（${at || '根'}）：${problem}`, { at, problem });
}

const isMissing = (v: unknown): v is Missing => v === MISSING;

// ── reading facts ────────────────────────────────────────────────────────────

/**
 * Walks `fields` from `root`; an absent field `fields[i]` is recorded as missing under
 * `names[i]` (the prefix up to and including it, built once at compile time).
 */
function walk(
  ctx: Ctx,
  root: unknown,
  fields: readonly string[],
  names: readonly string[],
): unknown {
  let value = root;
  for (let i = 0; i < fields.length; i++) {
    const next = (value as Record<string, unknown> | null | undefined)?.[fields[i] as string];
    if (next === undefined) {
      ctx.missing.push(names[i] as string);
      return MISSING;
    }
    value = next;
  }
  return value;
}

/** A fact path split once: the source, its fields, and the missing-fact name for each prefix. */
interface FactReader {
  source: string;
  fields: readonly string[];
  names: readonly string[];
}

function factReader(path: string): FactReader {
  const [source, ...fields] = path.split('.') as [string, ...string[]];
  return {
    source,
    fields,
    names: fields.map((_, i) => [source, ...fields.slice(0, i + 1)].join('.')),
  };
}

function readFact(ctx: Ctx, r: FactReader): unknown {
  const root = (ctx.view as Record<string, unknown>)[r.source];
  if (root === undefined) {
    ctx.missing.push(r.source);
    return MISSING;
  }
  return walk(ctx, root, r.fields, r.names);
}

function scalarType(t: FieldType, at: string, path: string): ValueType {
  if (t.kind === 'list' || t.kind === 'object')
    fail(at, `「${path}」不是单个值，列表请用 count/sum`);
  return t.options ? { kind: t.kind, options: t.options } : { kind: t.kind };
}

function compileFact(path: string, at: string): Compiled {
  const t = resolvePath(FACT_FIELDS, path.split('.'));
  if (!t) fail(at, `未知的事实路径「${path}」`);
  const reader = factReader(path);
  return {
    type: scalarType(t, at, path),
    fn: (ctx) => {
      const v = readFact(ctx, reader);
      if (!isMissing(v) && ctx.reads) ctx.reads[path] = v as Shown;
      return v as Val;
    },
  };
}

function compileItem(path: string, at: string, scope: Scope): Compiled {
  const list = scope.list;
  if (!list) fail(at, 'item 只能用在 count/sum 的条件或取值中');
  const fields = path.split('.');
  const t = resolvePath(list.fields, fields);
  if (!t) fail(at, `列表「${list.path}」的元素没有字段「${path}」`);
  const names = fields.map((_, i) => `${list.path}[].${fields.slice(0, i + 1).join('.')}`);
  return { type: scalarType(t, at, path), fn: (ctx) => walk(ctx, ctx.item, fields, names) as Val };
}

// ── type helpers ─────────────────────────────────────────────────────────────

function expectKind(c: Compiled, kinds: readonly ValueKind[], at: string): Compiled {
  if (c.type.kind !== 'null' && !kinds.includes(c.type.kind)) {
    fail(at, `需要 ${kinds.join('/')}，实际是 ${c.type.kind}`);
  }
  return c;
}

function checkOption(options: readonly string[] | undefined, value: unknown, at: string): void {
  if (options && typeof value === 'string' && !options.includes(value)) {
    fail(at, `「${value}」不是可选值（${options.join('、')}）`);
  }
}

/** Constants compared with an enum field must be one of its values: catches `'smal'`. */
function checkComparable(
  a: Compiled,
  b: Compiled,
  constants: readonly [Expr, Expr],
  at: string,
): void {
  if (a.type.kind !== 'null' && b.type.kind !== 'null' && a.type.kind !== b.type.kind) {
    fail(at, `不能比较 ${a.type.kind} 与 ${b.type.kind}`);
  }
  const [ea, eb] = constants;
  if (eb.op === 'const') checkOption(a.type.options, eb.value, at);
  if (ea.op === 'const') checkOption(b.type.options, ea.value, at);
}

// ── operators ────────────────────────────────────────────────────────────────

/**
 * One closure body per operator (rather than one body calling a table entry) so each call
 * site sees a single comparison and the JIT can inline it.
 *
 * null equals only null (`===` already says so); ordering against a known "none" is false.
 */
function comparison(op: CompareOp, a: Fn, b: Fn): Fn {
  switch (op) {
    case 'eq':
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        return isMissing(x) || isMissing(y) ? MISSING : x === y;
      };
    case 'ne':
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        return isMissing(x) || isMissing(y) ? MISSING : x !== y;
      };
    case 'gt':
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        if (isMissing(x) || isMissing(y)) return MISSING;
        return x !== null && y !== null && x > y;
      };
    case 'gte':
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        if (isMissing(x) || isMissing(y)) return MISSING;
        return x !== null && y !== null && x >= y;
      };
    case 'lt':
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        if (isMissing(x) || isMissing(y)) return MISSING;
        return x !== null && y !== null && x < y;
      };
    case 'lte':
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        if (isMissing(x) || isMissing(y)) return MISSING;
        return x !== null && y !== null && x <= y;
      };
  }
}

function compileCompare(e: Extract<Expr, { op: CompareOp }>, at: string, scope: Scope): Compiled {
  const a = compileAt(e.args[0], `${at}.args[0]`, scope);
  const b = compileAt(e.args[1], `${at}.args[1]`, scope);
  checkComparable(a, b, e.args, at);
  const ordered = e.op !== 'eq' && e.op !== 'ne';
  if (ordered) [a, b].forEach((c, i) => expectKind(c, ['number', 'date'], `${at}.args[${i}]`));
  return { type: { kind: 'boolean' }, fn: comparison(e.op, a.fn, b.fn) };
}

function compileLogic(e: Extract<Expr, { op: 'and' | 'or' }>, at: string, scope: Scope): Compiled {
  const parts = e.args.map(
    (x, i) => expectKind(compileAt(x, `${at}.args[${i}]`, scope), ['boolean'], at).fn,
  );
  const decisive = e.op === 'or'; // the operand value that settles the result
  return {
    type: { kind: 'boolean' },
    fn: (ctx) => {
      let unknown = false;
      for (const part of parts) {
        const v = part(ctx);
        if (isMissing(v)) unknown = true;
        else if (v === decisive) return decisive;
      }
      return unknown ? MISSING : !decisive;
    },
  };
}

function compileNot(e: Extract<Expr, { op: 'not' }>, at: string, scope: Scope): Compiled {
  const inner = expectKind(compileAt(e.arg, `${at}.arg`, scope), ['boolean'], at).fn;
  return {
    type: { kind: 'boolean' },
    fn: (ctx) => {
      const v = inner(ctx);
      return isMissing(v) ? MISSING : !v;
    },
  };
}

function compileIn(e: Extract<Expr, { op: 'in' }>, at: string, scope: Scope): Compiled {
  const value = expectKind(compileAt(e.value, `${at}.value`, scope), ['string', 'number'], at);
  for (const option of e.options) checkOption(value.type.options, option, at);
  const options: ReadonlyArray<unknown> = e.options;
  return {
    type: { kind: 'boolean' },
    fn: (ctx) => {
      const v = value.fn(ctx);
      return isMissing(v) ? MISSING : options.includes(v);
    },
  };
}

function compileWithin(e: Extract<Expr, { op: 'within' }>, at: string, scope: Scope): Compiled {
  const [value, from, to] = (['value', 'from', 'to'] as const).map(
    (k) => expectKind(compileAt(e[k], `${at}.${k}`, scope), ['date'], `${at}.${k}`).fn,
  ) as [Fn, Fn, Fn];
  return {
    type: { kind: 'boolean' },
    fn: (ctx) => {
      const v = value(ctx);
      const lo = from(ctx);
      const hi = to(ctx);
      if (isMissing(v) || isMissing(lo) || isMissing(hi)) return MISSING;
      if (v === null || lo === null || hi === null) return false;
      return lo <= v && v <= hi;
    },
  };
}

function compileAddMonths(
  e: Extract<Expr, { op: 'addMonths' }>,
  at: string,
  scope: Scope,
): Compiled {
  const d = expectKind(compileAt(e.date, `${at}.date`, scope), ['date'], at).fn;
  return {
    type: { kind: 'date' },
    fn: (ctx) => {
      const v = d(ctx);
      return isMissing(v) || v === null ? v : addMonths(v as string, e.months);
    },
  };
}

// ── lists ────────────────────────────────────────────────────────────────────

function listScope(path: string, at: string): { list: NonNullable<Scope['list']> } {
  const t = resolvePath(FACT_FIELDS, path.split('.'));
  if (!t || t.kind !== 'list') fail(at, `「${path}」不是列表`);
  return { list: { path, fields: t.item } };
}

/**
 * Runs `each` on every element that passes `where`. MISSING if the list is unknown or the
 * filter cannot be decided for some element: a count that silently skipped unknowns would
 * under-pay without telling anyone.
 */
function overList(path: string, where: Fn | undefined, each: (ctx: Ctx) => Val, start: number) {
  const reader = factReader(path);
  return (ctx: Ctx): number | null | Missing => {
    const list = readFact(ctx, reader);
    if (isMissing(list)) return MISSING;
    if (list === null) return null;
    const outer = ctx.item;
    let total = start;
    let unknown = false;
    for (const element of list as readonly unknown[]) {
      ctx.item = element;
      const keep = where ? where(ctx) : true;
      if (isMissing(keep)) unknown = true;
      else if (keep) {
        const v = each(ctx);
        if (isMissing(v)) unknown = true;
        else total += typeof v === 'number' ? v : 0;
      }
    }
    ctx.item = outer;
    return unknown ? MISSING : total;
  };
}

function recordAs(fn: (ctx: Ctx) => number | null | Missing, name: string): Fn {
  return (ctx) => {
    const v = fn(ctx);
    if (ctx.reads && !isMissing(v)) ctx.reads[name] = v;
    return v;
  };
}

function compileCount(e: Extract<Expr, { op: 'count' }>, at: string, outer: Scope): Compiled {
  const scope = { ...listScope(e.list, at), params: outer.params };
  const where = e.where && expectKind(compileAt(e.where, `${at}.where`, scope), ['boolean'], at).fn;
  const fn = overList(e.list, where, () => 1, 0);
  return { type: { kind: 'number' }, fn: recordAs(fn, e.as ?? `count(${e.list})`) };
}

function compileSum(e: Extract<Expr, { op: 'sum' }>, at: string, outer: Scope): Compiled {
  const scope = { ...listScope(e.list, at), params: outer.params };
  const where = e.where && expectKind(compileAt(e.where, `${at}.where`, scope), ['boolean'], at).fn;
  const of = expectKind(compileAt(e.of, `${at}.of`, scope), ['number'], at).fn;
  const fn = overList(e.list, where, of, 0);
  return { type: { kind: 'number' }, fn: recordAs(fn, e.as ?? `sum(${e.list})`) };
}

// ── arithmetic (integers only) ───────────────────────────────────────────────

function safe(n: number): number {
  if (!Number.isSafeInteger(n))
    throw new RangeError(`rule arithmetic left the safe integers: ${n}`);
  return n;
}

const ARITHMETIC: Record<'add' | 'sub' | 'mul' | 'min' | 'max', (a: number, b: number) => number> =
  {
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    mul: (a, b) => a * b,
    min: Math.min,
    max: Math.max,
  };

function compileArithmetic(
  e: Extract<Expr, { op: keyof typeof ARITHMETIC }>,
  at: string,
  scope: Scope,
): Compiled {
  const parts = e.args.map(
    (x, i) => expectKind(compileAt(x, `${at}.args[${i}]`, scope), ['number'], at).fn,
  );
  const step = ARITHMETIC[e.op];
  return {
    type: { kind: 'number' },
    fn: (ctx) => {
      let acc: number | undefined;
      for (const part of parts) {
        const v = part(ctx);
        if (isMissing(v) || v === null) return v;
        acc = acc === undefined ? (v as number) : safe(step(acc, v as number));
      }
      return acc as number;
    },
  };
}

/**
 * The language's only rounding: down to the fen. Paying the fraction of a fen that a rate
 * produces would make budgets fail to reconcile with the treasury's integer ledger.
 */
export function roundDownToFen(numerator: number, denominator: number): number {
  return Math.floor(safe(numerator) / denominator);
}

function compileMulDiv(e: Extract<Expr, { op: 'mulDiv' }>, at: string, scope: Scope): Compiled {
  const value = expectKind(compileAt(e.value, `${at}.value`, scope), ['number'], at).fn;
  return {
    type: { kind: 'number' },
    fn: (ctx) => {
      const v = value(ctx);
      return isMissing(v) || v === null ? v : roundDownToFen((v as number) * e.mul, e.div);
    },
  };
}

function compileTier(e: Extract<Expr, { op: 'tier' }>, at: string, scope: Scope): Compiled {
  const value = expectKind(compileAt(e.value, `${at}.value`, scope), ['number'], at).fn;
  e.tiers.forEach((t, i) => {
    const prev = e.tiers[i - 1];
    if (prev && prev.atLeast <= t.atLeast) fail(at, '档位须按门槛从高到低排列');
  });
  const { tiers, otherwise } = e;
  return {
    type: { kind: 'number' },
    fn: (ctx) => {
      const v = value(ctx);
      if (isMissing(v)) return v;
      if (v === null) return otherwise;
      for (const t of tiers) if ((v as number) >= t.atLeast) return t.amount;
      return otherwise;
    },
  };
}

function compileIf(e: Extract<Expr, { op: 'if' }>, at: string, scope: Scope): Compiled {
  const cond = expectKind(compileAt(e.cond, `${at}.cond`, scope), ['boolean'], at).fn;
  const then = compileAt(e.then, `${at}.then`, scope);
  const otherwise = compileAt(e.else, `${at}.else`, scope);
  const kind = then.type.kind === 'null' ? otherwise.type.kind : then.type.kind;
  if (otherwise.type.kind !== 'null' && otherwise.type.kind !== kind)
    fail(at, 'if 的两个分支类型不同');
  return {
    type: { kind },
    fn: (ctx) => {
      const c = cond(ctx);
      if (isMissing(c)) return MISSING;
      return c === true ? then.fn(ctx) : otherwise.fn(ctx);
    },
  };
}

function compileConst(value: Scalar, at: string): Compiled {
  const kind: ValueKind =
    value === null ? 'null' : (typeof value as 'number' | 'string' | 'boolean');
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    fail(at, `常量须为整数（金额用分、比例用基点）：${value}`);
  }
  return { type: { kind }, fn: () => value };
}

function compileAt(e: Expr, at: string, scope: Scope): Compiled {
  switch (e.op) {
    case 'const':
      return compileConst(e.value, at);
    case 'date':
      return { type: { kind: 'date' }, fn: () => e.value };
    case 'asOf':
      return { type: { kind: 'date' }, fn: (ctx) => ctx.asOf };
    case 'fact':
      return compileFact(e.path, at);
    case 'param':
      return compileParam(e.name, at, scope);
    case 'item':
      return compileItem(e.path, at, scope);
    case 'addMonths':
      return compileAddMonths(e, at, scope);
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compileCompare(e, at, scope);
    case 'in':
      return compileIn(e, at, scope);
    case 'within':
      return compileWithin(e, at, scope);
    case 'and':
    case 'or':
      return compileLogic(e, at, scope);
    case 'not':
      return compileNot(e, at, scope);
    case 'count':
      return compileCount(e, at, scope);
    case 'sum':
      return compileSum(e, at, scope);
    case 'add':
    case 'sub':
    case 'mul':
    case 'min':
    case 'max':
      return compileArithmetic(e, at, scope);
    case 'mulDiv':
      return compileMulDiv(e, at, scope);
    case 'tier':
      return compileTier(e, at, scope);
    case 'if':
      return compileIf(e, at, scope);
    default:
      return assertNever(e);
  }
}

function assertNever(e: never): never {
  throw invalidInput('未知的规则运算', { op: (e as { op?: unknown }).op });
}

/** Compile and check that the rule produces `expect` (boolean for conditions, number for amounts). */
export function compileExpr(
  e: Expr,
  expect?: 'boolean' | 'number',
  params: ParamValues = NO_PARAMS,
): Compiled {
  const compiled = compileAt(e, '', { params });
  if (expect) expectKind(compiled, [expect], '');
  return compiled;
}

export function newCtx(view: FactView, asOf: string, explain: boolean): Ctx {
  return { view, asOf, item: undefined, reads: explain ? {} : null, missing: [] };
}

export interface RuleOutcome {
  /** undefined when a fact it needs is missing. */
  value: Scalar | undefined;
  missingFacts: string[];
  values: Record<string, Shown>;
}

export interface CompiledRule {
  readonly type: ValueType;
  evaluate(view: FactView, asOf: string): RuleOutcome;
}

/** Compile one expression once; `evaluate` may then run any number of times. */
export function compile(
  e: Expr,
  expect?: 'boolean' | 'number',
  params: ParamValues = NO_PARAMS,
): CompiledRule {
  const { type, fn } = compileExpr(e, expect, params);
  return {
    type,
    evaluate: (view, asOf) => {
      const ctx = newCtx(view, asOf, true);
      const v = fn(ctx);
      return {
        value: isMissing(v) ? undefined : v,
        missingFacts: isMissing(v) ? [...new Set(ctx.missing)].sort() : [],
        values: ctx.reads ?? {},
      };
    },
  };
}
