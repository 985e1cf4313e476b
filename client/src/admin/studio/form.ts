/**
 * The policy editor's form model (issue #11), pure: a policy document as the fields an officer
 * fills in — conditions picked from the fact schema's fields with an operator and a value,
 * the amount in yuan or a dated parameter, materials, the window — and back. Conditions and
 * amounts the form cannot show (the seed policies' sums and tiers) are kept as they are and
 * shown as 高级规则; nothing is lost by opening and saving a document.
 */
import { FACT_FIELD_LABELS, FACT_FIELDS, type Fields, type ScalarKind } from '@shared/facts';

export const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
export type Op = (typeof OPS)[number];
export const OP_LABEL: Record<Op, string> = {
  eq: '等于',
  ne: '不等于',
  gt: '大于',
  gte: '不少于',
  lt: '小于',
  lte: '不超过',
  in: '属于其中之一',
};

export interface FieldChoice {
  path: string;
  label: string;
  kind: ScalarKind;
  options?: readonly string[];
}

/** Every scalar fact a simple condition may read (lists are for 高级规则). */
export function fieldChoices(fields: Fields = FACT_FIELDS, prefix = ''): FieldChoice[] {
  const out: FieldChoice[] = [];
  for (const [name, t] of Object.entries(fields)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (t.kind === 'object') out.push(...fieldChoices(t.fields, path));
    else if (t.kind !== 'list')
      out.push({
        path,
        label: FACT_FIELD_LABELS[path] ?? path,
        kind: t.kind,
        ...(t.options ? { options: t.options } : {}),
      });
  }
  return out;
}

export type ConditionRow =
  | { kind: 'simple'; id: string; label: string; path: string; op: Op; value: string }
  | { kind: 'raw'; id: string; label: string; rule: unknown };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A condition as a form row: `fact op const|date` and `fact in [...]` are simple, the rest raw. */
export function rowOf(c: { id: string; label: string; rule: unknown }): ConditionRow {
  const r = c.rule;
  if (isObj(r)) {
    if (r.op === 'in' && isObj(r.value) && r.value.op === 'fact' && Array.isArray(r.options))
      return {
        kind: 'simple',
        id: c.id,
        label: c.label,
        path: String(r.value.path),
        op: 'in',
        value: r.options.map(String).join(','),
      };
    const args = r.args;
    if (
      (OPS as readonly unknown[]).includes(r.op) &&
      Array.isArray(args) &&
      isObj(args[0]) &&
      args[0].op === 'fact' &&
      isObj(args[1]) &&
      (args[1].op === 'const' || args[1].op === 'date')
    )
      return {
        kind: 'simple',
        id: c.id,
        label: c.label,
        path: String(args[0].path),
        op: r.op as Op,
        value: String(args[1].value),
      };
  }
  return { kind: 'raw', id: c.id, label: c.label, rule: r };
}

function typed(value: string, kind: ScalarKind | undefined): unknown {
  if (kind === 'number') return Number(value);
  if (kind === 'boolean') return value === 'true' || value === '是';
  return value;
}

/** The form row back as a condition; the value typed by the field it reads. */
export function conditionOf(row: ConditionRow, choices: readonly FieldChoice[]) {
  if (row.kind === 'raw') return { id: row.id, label: row.label, rule: row.rule };
  const field = choices.find((f) => f.path === row.path);
  const fact = { op: 'fact', path: row.path };
  if (row.op === 'in')
    return {
      id: row.id,
      label: row.label,
      rule: {
        op: 'in',
        value: fact,
        options: row.value
          .split(/[,，]/)
          .map((v) => v.trim())
          .filter(Boolean)
          .map((v) => typed(v, field?.kind)),
      },
    };
  const right =
    field?.kind === 'date'
      ? { op: 'date', value: row.value }
      : { op: 'const', value: typed(row.value, field?.kind) };
  return { id: row.id, label: row.label, rule: { op: row.op, args: [fact, right] } };
}

export type AmountForm =
  | { kind: 'fixed'; yuan: string }
  | { kind: 'param'; name: string }
  | { kind: 'raw'; expr: unknown };

export function amountFormOf(expr: unknown): AmountForm {
  if (isObj(expr) && expr.op === 'const' && typeof expr.value === 'number')
    return { kind: 'fixed', yuan: fenToYuan(expr.value) };
  if (isObj(expr) && expr.op === 'param' && typeof expr.name === 'string')
    return { kind: 'param', name: expr.name };
  return { kind: 'raw', expr };
}

export function amountOf(a: AmountForm): unknown {
  if (a.kind === 'fixed') return { op: 'const', value: yuanToFen(a.yuan) };
  if (a.kind === 'param') return { op: 'param', name: a.name };
  return a.expr;
}

/** '1,000.5' → 100050 fen; NaN stays NaN so the server names the field. */
export function yuanToFen(yuan: string): number {
  return Math.round(Number(yuan.replace(/[,，\s¥]/g, '')) * 100);
}
export const fenToYuan = (fen: number): string =>
  Number.isInteger(fen / 100) ? String(fen / 100) : (fen / 100).toFixed(2);

export interface MaterialRow {
  id: string;
  name: string;
  optional: boolean;
}

/** A fresh id for a new row: `c1`, `c2`, … the first one not taken. */
export function nextId(prefix: string, taken: readonly { id: string }[]): string {
  for (let i = 1; ; i++) {
    const id = `${prefix}${String(i)}`;
    if (!taken.some((t) => t.id === id)) return id;
  }
}

/** A new policy's document before the officer fills it in. */
export function blankDocument(today: string): Json {
  return {
    id: '',
    version: 1,
    title: '',
    summary: '',
    department: 'hrss',
    kind: 'subsidy',
    subjectKind: 'enterprise',
    mode: 'apply',
    benefitPeriod: 'once',
    effectiveFrom: today,
    effectiveTo: `${today.slice(0, 4)}-12-31`,
    eligibility: [],
    amount: { op: 'const', value: 100_000 },
    capFen: 100_000,
    budgetFen: 10_000_000,
    materials: [{ id: 'id_card', name: '营业执照或身份证', optional: false }],
    reviewLevels: 1,
    publicityDays: 5,
    paymentSlaWorkingDays: 15,
    office: '',
    phone: '',
    complaintPhone: '12345',
    source: { seed: '003_c3feb7f8fe63172f.txt', clause: '', quote: '' },
  };
}
