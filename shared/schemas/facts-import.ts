/**
 * POST /v1/admin/facts:import — a government data feed as JSON lines or CSV, parsed and
 * validated row by row here (shared, so the admin page can pre-check a file before upload).
 *
 * A feed is all or nothing: one rejected row rejects the whole feed (400, every rejected
 * row with its line and reasons), and nothing of it is written. A row is rejected when it
 * does not parse, when its subject code is not a valid 统一社会信用代码 or 居民身份证号
 * (length, forbidden letters I/O/S/V/Z, birth date, check character), or when it repeats
 * an earlier row's identity — same subject, source and period start, the key a fact is
 * stored under — since two values for one record leave no way to tell which is meant.
 *
 * JSON lines: one `Fact` per line (`{"subjectId","source","period":{"from","to"},"values"}`).
 * CSV (RFC 4180, header required): `subjectId,source,periodFrom,periodTo,values` where
 * `values` is the source's values as JSON in a quoted field and an empty `periodTo` means
 * open-ended. Feeds nest (employees, leases, awards), so values stay JSON rather than
 * being flattened into columns that would differ per source.
 */
import { z } from 'zod';
import { Fact } from '../facts/fact';
import { normaliseOfficialCode, officialCodeProblem } from '../subject';
import { zhReasons } from '../zod-zh';

export const FEED_FORMATS = ['jsonl', 'csv'] as const;
export const FeedFormat = z.enum(FEED_FORMATS);
export type FeedFormat = z.infer<typeof FeedFormat>;

export const ImportFactsBody = z.object({
  format: FeedFormat,
  content: z.string().min(1).max(60_000),
  /** optional label of the feed (e.g. `人社局社保 2021-06`), echoed back */
  feed: z.string().max(100).optional(),
});
export type ImportFactsBody = z.infer<typeof ImportFactsBody>;

export const RejectedRow = z.object({ line: z.number().int(), reasons: z.array(z.string()) });
export type RejectedRow = z.infer<typeof RejectedRow>;

export const ImportResult = z.object({
  feed: z.string().optional(),
  format: FeedFormat,
  /** names the feed's content; every fact version it wrote records it (issue 14: history) */
  importId: z.string().optional(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(RejectedRow),
  /** distinct subjects the accepted rows describe */
  subjects: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** `facts` are the rows that passed on their own, with their lines; `rejected` is sorted by line. */
export type ParsedFeed = { facts: Fact[]; lines: number[]; rejected: RejectedRow[]; rows: number };

const CSV_COLUMNS = ['subjectId', 'source', 'periodFrom', 'periodTo', 'values'] as const;

const sourceOf = (candidate: unknown): string | undefined => {
  const source = (candidate as { source?: unknown } | null)?.source;
  return typeof source === 'string' ? source : undefined;
};

/**
 * One row on its own: the fact (subject code normalised) or the Chinese reasons it is refused —
 * zod's issues through shared/zod-zh.ts (`缺少字段：登记日期`, `期间开始日期：日期格式应为
 * YYYY-MM-DD`), then the 统一社会信用代码 / 居民身份证号 check. The streamed file import
 * (functions/services/feed-import.ts) runs exactly this per row.
 */
export function validateRow(candidate: unknown): { fact: Fact } | { reasons: string[] } {
  const r = Fact.safeParse(candidate, { reportInput: true });
  if (!r.success)
    return { reasons: zhReasons(r.error, { source: sourceOf(candidate), input: candidate }) };
  const problem = officialCodeProblem(r.data.subjectId);
  if (problem !== undefined) return { reasons: [`主体代码：${problem}`] };
  return { fact: { ...r.data, subjectId: normaliseOfficialCode(r.data.subjectId) } };
}

function validate(line: number, candidate: unknown, out: ParsedFeed): void {
  const r = validateRow(candidate);
  if ('reasons' in r) {
    out.rejected.push({ line, reasons: r.reasons });
    return;
  }
  out.facts.push(r.fact);
  out.lines.push(line);
}

/** The identity a fact is stored under (functions/repositories/facts.ts): subject, source, period start. */
export const factIdentity = (f: Fact): string =>
  `${normaliseOfficialCode(f.subjectId)}|${f.source}|${f.period.from}`;

/** Rejects every row that repeats an earlier row's identity, naming the earlier line; sorts the rejected rows. */
function rejectDuplicates(out: ParsedFeed): ParsedFeed {
  const first = new Map<string, number>();
  const facts: Fact[] = [];
  const lines: number[] = [];
  out.facts.forEach((f, i) => {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- lines[i] is the source line of facts[i]: the parser fills both together
    const line = out.lines[i]!;
    const seen = first.get(factIdentity(f));
    if (seen === undefined) {
      first.set(factIdentity(f), line);
      facts.push(f);
      lines.push(line);
    } else {
      out.rejected.push({
        line,
        reasons: [`与第 ${seen} 行重复（同一主体、来源和期间开始日期 ${f.period.from}）`],
      });
    }
  });
  out.rejected.sort((a, b) => a.line - b.line);
  return { ...out, facts, lines };
}

export function parseJsonLines(content: string): ParsedFeed {
  const out: ParsedFeed = { facts: [], lines: [], rejected: [], rows: 0 };
  content.split(/\r?\n/).forEach((text, i) => {
    if (text.trim() === '') return;
    out.rows++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      out.rejected.push({ line: i + 1, reasons: ['不是有效的 JSON'] });
      return;
    }
    validate(i + 1, value, out);
  });
  return out;
}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes ("") and newlines. */
export function csvRecords(content: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  for (let i = 0; i < content.length; i++) {
    const c = content.charAt(i);
    if (quoted) {
      if (c === '"' && content.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content.charAt(i + 1) === '\n') i++;
      if (touched || field !== '') records.push({ line: start, fields: [...fields, field] });
      fields = [];
      field = '';
      touched = false;
      line++;
      start = line;
    } else {
      field += c;
      touched = true;
    }
  }
  if (touched || field !== '') records.push({ line: start, fields: [...fields, field] });
  return records;
}

export function parseCsv(content: string): ParsedFeed {
  const out: ParsedFeed = { facts: [], lines: [], rejected: [], rows: 0 };
  const [header, ...records] = csvRecords(content);
  if (header === undefined) return out;
  const names = header.fields.map((f) => f.trim());
  const headerProblem = csvHeaderProblem(names);
  if (headerProblem !== undefined) {
    out.rejected.push({ line: header.line, reasons: [headerProblem] });
    return out;
  }
  for (const r of records) {
    out.rows++;
    const candidate = csvCandidate(names, r.fields);
    if ('reasons' in candidate) out.rejected.push({ line: r.line, reasons: candidate.reasons });
    else validate(r.line, candidate.value, out);
  }
  return out;
}

/** The CSV header's problem, if any: `表头缺少列：…`. */
export function csvHeaderProblem(names: readonly string[]): string | undefined {
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  return missing.length > 0 ? `表头缺少列：${missing.join(', ')}` : undefined;
}

/** One CSV record's fields as the object a JSON-lines row would hold, or why it cannot be. */
export function csvCandidate(
  names: readonly string[],
  fields: readonly string[],
): { value: unknown } | { reasons: string[] } {
  if (fields.length !== names.length)
    return { reasons: [`列数为${String(fields.length)}，应为${String(names.length)}`] };
  const col = (name: (typeof CSV_COLUMNS)[number]) => fields[names.indexOf(name)] ?? '';
  let values: unknown;
  try {
    values = JSON.parse(col('values'));
  } catch {
    return { reasons: ['数据内容（values 列）：不是有效的 JSON'] };
  }
  const to = col('periodTo').trim();
  return {
    value: {
      subjectId: col('subjectId').trim(),
      source: col('source').trim(),
      period: { from: col('periodFrom').trim(), to: to === '' ? null : to },
      values,
    },
  };
}

export function parseFeed(format: FeedFormat, content: string): ParsedFeed {
  return rejectDuplicates(format === 'csv' ? parseCsv(content) : parseJsonLines(content));
}

/** One CSV line for a fact (the seed script and tests write feeds with it). */
export function factToCsvRow(f: Fact): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    f.subjectId,
    f.source,
    f.period.from,
    f.period.to ?? '',
    q(JSON.stringify(f.values)),
  ].join(',');
}
export const CSV_HEADER = CSV_COLUMNS.join(',');
