/**
 * zod's issues in Chinese (issue #17: "expected boolean, received string" must never reach an
 * admin). One mapper for the server (a feed's rejected rows, shared/schemas/facts-import.ts)
 * and the admin page's pre-check, which run the same schemas.
 *
 * A reason reads `<field>：<what is wrong>`: the field is named from FACT_FIELD_LABELS when
 * the path is a fact value (`values.status` of a market_registry row → 营业状态), otherwise
 * by a small table of the feed's own columns, otherwise by its path (`values.employees.0.hiredOn`
 * → `values.employees 第1项 hiredOn`), never left out. A message the schema wrote itself in
 * Chinese (a refine's `error`) is kept as it is. Pass the parsed `input` (or parse with
 * `{ reportInput: true }`) so that an absent enum or discriminator reads 缺少字段 rather than
 * 应为以下之一.
 */
import type { z } from 'zod';
import { FACT_FIELD_LABELS } from './facts/labels';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const HAN = /[\u4e00-\u9fff]/;
const MISSING = '缺少字段';

/** The feed's own columns (shared/schemas/facts-import.ts). */
const ROW_FIELD_LABELS: Readonly<Record<string, string>> = {
  subjectId: '主体代码',
  source: '数据来源',
  period: '期间',
  'period.from': '期间开始日期',
  'period.to': '期间结束日期',
  values: '数据内容',
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否（true 或 false）',
  object: '对象（{…}）',
  array: '列表（[…]）',
  date: '日期',
  null: '空值（null）',
  undefined: '空',
  nan: '数字',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  date: '日期格式应为 YYYY-MM-DD',
  datetime: '时间格式应为 ISO 8601（如 2020-12-15T08:00:00Z）',
  time: '时间格式应为 HH:MM:SS',
  email: '应为有效的电子邮箱',
  url: '应为有效的网址',
  uuid: '应为有效的 UUID',
  regex: '格式不正确',
};

/** What zod received: from the issue's input when reported, otherwise from its English message. */
function receivedOf(i: Issue): string | undefined {
  if ('input' in i) {
    const input = i.input;
    if (input === null) return 'null';
    if (Array.isArray(input)) return 'array';
    if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
    return typeof input;
  }
  return /received (\w+)$/.exec(i.message)?.[1];
}

const word = (t: string) => TYPE_WORDS[t] ?? t;

/** `source` tells which fact's field labels apply to `values.*` paths. */
export function fieldLabel(path: readonly PathKey[], source?: string): string {
  const named = path.filter((k): k is string => typeof k === 'string');
  const dotted = named.join('.');
  if (path.length === 0) return '（整行）';
  const row = ROW_FIELD_LABELS[dotted];
  if (row) return row;
  if (source && path[0] === 'values' && path.length > 1) {
    const fact = FACT_FIELD_LABELS[`${source}.${named.slice(1).join('.')}`];
    if (fact) return fact;
  }
  return path.map((k) => (typeof k === 'number' ? `第${String(k + 1)}项` : String(k))).join(' ');
}

function bound(i: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = i.code === 'too_small';
  const value = i.code === 'too_small' ? i.minimum : i.maximum;
  const n = typeof value === 'bigint' ? value.toString() : String(value);
  const inclusive = i.inclusive !== false;
  switch (i.origin) {
    case 'string':
      if (small && n === '1') return '不能为空';
      return small ? `至少 ${n} 个字符` : `最多 ${n} 个字符`;
    case 'array':
    case 'set':
      return small ? `至少 ${n} 项` : `最多 ${n} 项`;
    default:
      if (small) return inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
      return inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
  }
}

/** What is wrong, without the field's name. */
export function issueText(i: Issue): string {
  if (HAN.test(i.message)) return i.message;
  // with `reportInput: true` an absent enum or discriminator is told apart from a wrong one
  if ('input' in i && i.input === undefined && i.path.length > 0) return MISSING;
  switch (i.code) {
    case 'invalid_type': {
      const received = receivedOf(i);
      if (received === 'undefined') return MISSING;
      if (i.expected === 'int' && received === 'number') return '应为整数';
      if (received === undefined || received === i.expected) return `应为${word(i.expected)}`;
      return `应为${word(i.expected)}，实为${word(received)}`;
    }
    case 'too_small':
    case 'too_big':
      return bound(i);
    case 'invalid_format':
      return FORMAT_WORDS[i.format] ?? `格式不正确（应为 ${i.format}）`;
    case 'not_multiple_of':
      return `应为 ${String(i.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `有多余的字段：${i.keys.join('、')}`;
    case 'invalid_union':
      if ('options' in i && Array.isArray(i.options))
        return `应为以下之一：${(i.options as unknown[]).map(String).join('、')}`;
      return '不符合任何一种允许的格式';
    case 'invalid_value':
      return `应为以下之一：${i.values.map((v) => (typeof v === 'string' ? v : String(v))).join('、')}`;
    case 'invalid_key':
      return '字段名不正确';
    case 'invalid_element':
      return '列表中有不合格的项';
    case 'custom':
      return '不符合要求';
  }
}

/** The value under `path` in `input`, undefined when any step is missing. */
function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let at: unknown = input;
  for (const k of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[k];
  }
  return at;
}

/**
 * One reason per issue: `营业状态：应为以下之一：operating、suspended、deregistered`,
 * `缺少字段：登记日期`.
 */
export function zhReasons(
  error: z.ZodError,
  o: { source?: string; max?: number; input?: unknown } = {},
): string[] {
  return error.issues.slice(0, o.max ?? 10).map((i) => {
    const absent =
      o.input !== undefined && i.path.length > 0 && valueAt(o.input, i.path) === undefined;
    const text = absent ? MISSING : issueText(i);
    const field = fieldLabel(i.path, o.source);
    return text === MISSING ? `${MISSING}：${field}` : `${field}：${text}`;
  });
}
