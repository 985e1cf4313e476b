/**
 * A golden case from a small form (issue #11), pure: for each simple condition of the policy
 * form, the value the test subject has at that fact field; each source's fact starts from a
 * realistic example (shared/facts/examples) with those values set, and a source whose values
 * are all left blank is left out (the case is then 信息不全). With the as-of date, the expected
 * verdict and amount (元) and the conditions that must fail, it is a case the server runs.
 */
import * as ex from '@shared/facts/examples';
import type { ConditionRow, FieldChoice } from './form';
import { yuanToFen } from './form';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Example facts per source; a source with roles has one per role (the field picks the role). */
const EXAMPLES: Partial<Record<string, (() => Json)[]>> = {
  market_registry: [() => ex.marketRegistry()],
  social_insurance: [() => ex.employerInsurance(), () => ex.personInsurance()],
  tax: [() => ex.taxRecord()],
  lease_registry: [() => ex.leaseRegistry([ex.lease()])],
  poverty_registry: [() => ex.povertyRegistry()],
  award_list: [() => ex.awardList([])],
  loan_registry: [() => ex.loanRegistry([ex.loan()])],
  employment_registry: [() => ex.personEmployment(), () => ex.agencyPlacements([])],
};

export type Verdict = 'eligible' | 'ineligible' | 'incomplete';
export const VERDICT_LABEL: Record<Verdict, string> = {
  eligible: '符合',
  ineligible: '不符合',
  incomplete: '信息不全',
};

export interface GoldenForm {
  name: string;
  asOf: string;
  verdict: Verdict;
  /** expected amount in 元 when 符合 (blank: not checked) */
  amountYuan: string;
  /** the subject's value at each condition's field, by condition id (blank: no data) */
  values: Readonly<Record<string, string>>;
  /** ids of the conditions that must fail */
  failing: readonly string[];
}

/** The form's starting values: each simple condition's own value (a subject that meets it). */
export function blankGoldenForm(rows: readonly ConditionRow[], asOf: string): GoldenForm {
  const values: Record<string, string> = {};
  for (const r of rows) if (r.kind === 'simple') values[r.id] = r.value.split(/[,，]/)[0] ?? '';
  return { name: '', asOf, verdict: 'eligible', amountYuan: '', values, failing: [] };
}

function typed(value: string, field: FieldChoice | undefined): unknown {
  const v = value.trim();
  if (field?.kind === 'number') return Number(v.replace(/[,，\s]/g, ''));
  if (field?.kind === 'boolean') return v === '是' || v === 'true';
  return v;
}

function hasPath(values: unknown, keys: readonly string[]): boolean {
  let at = values;
  for (const k of keys) {
    if (!isObj(at) || !(k in at)) return false;
    at = at[k];
  }
  return true;
}

function setPath(values: Json, keys: readonly string[], value: unknown): void {
  let at = values;
  keys.slice(0, -1).forEach((k) => {
    const next = at[k];
    if (!isObj(next)) at[k] = {};
    at = at[k] as Json;
  });
  const last = keys.at(-1);
  if (last !== undefined) at[last] = value;
}

/**
 * The case the form describes, or a Chinese message saying what to fix. Facts carry one
 * subject id (an enterprise's or a person's, as the policy is for).
 */
export function goldenCaseOf(
  form: GoldenForm,
  rows: readonly ConditionRow[],
  choices: readonly FieldChoice[],
  subjectKind: string,
): Json | string {
  if (!form.name.trim()) return '请填写用例名称';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.asOf.trim())) return '评估日期格式应为 YYYY-MM-DD';
  const bySource = new Map<string, Json>();
  for (const r of rows) {
    if (r.kind !== 'simple') continue;
    const raw = form.values[r.id] ?? '';
    if (!raw.trim()) continue;
    const [source = '', ...keys] = r.path.split('.');
    const examples = EXAMPLES[source];
    if (!examples) return `暂不支持在表单中填写「${r.label}」的数据，请用 JSON 编辑`;
    let fact = bySource.get(source);
    if (!fact) {
      const make = examples.find((e) => hasPath(e().values, keys)) ?? examples.at(0);
      if (!make) return `暂不支持在表单中填写「${r.label}」的数据，请用 JSON 编辑`;
      fact = make();
      bySource.set(source, fact);
    }
    const field = choices.find((c) => c.path === r.path);
    const value = typed(raw, field);
    if (typeof value === 'number' && !Number.isFinite(value)) return `「${r.label}」应为数字`;
    setPath(fact.values as Json, keys, value);
  }
  const subjectId = subjectKind === 'person' ? ex.DEMO_PERSON : ex.DEMO_ENTERPRISE;
  const asOf = form.asOf.trim();
  // each fact holds on the as-of date (an example may start later)
  const facts = [...bySource.values()].map((f) => {
    const period = f.period as { from: string; to: string | null };
    return { ...f, subjectId, period: { from: period.from > asOf ? asOf : period.from, to: null } };
  });
  const amount = form.amountYuan.trim();
  const amountFen = amount ? yuanToFen(amount) : undefined;
  if (amountFen !== undefined && !Number.isFinite(amountFen)) return '预期金额格式不正确';
  return {
    name: form.name.trim(),
    facts,
    asOf,
    verdict: form.verdict,
    ...(form.verdict === 'eligible' && amountFen !== undefined ? { amountFen } : {}),
    ...(form.verdict === 'ineligible' && form.failing.length > 0
      ? { failing: [...form.failing] }
      : {}),
  };
}
