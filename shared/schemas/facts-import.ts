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

/** Zod issues as short Chinese-prefixed reasons with the field path, e.g. `values.employees.0.hiredOn: Invalid ISO date`. */
function reasonsOf(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join('.') : '（整行）'}: ${i.message}`);
}

function validate(line: number, candidate: unknown, out: ParsedFeed): void {
  const r = Fact.safeParse(candidate);
  if (!r.success) {
    out.rejected.push({ line, reasons: reasonsOf(r.error) });
    return;
  }
  const problem = officialCodeProblem(r.data.subjectId);
  if (problem !== undefined) {
    out.rejected.push({ line, reasons: [`subjectId: ${problem}`] });
    return;
  }
  out.facts.push({ ...r.data, subjectId: normaliseOfficialCode(r.data.subjectId) });
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
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    out.rejected.push({ line: header.line, reasons: [`表头缺少列：${missing.join(', ')}`] });
    return out;
  }
  const col = (fields: string[], name: (typeof CSV_COLUMNS)[number]) =>
    fields[names.indexOf(name)] ?? '';
  for (const r of records) {
    out.rows++;
    if (r.fields.length !== names.length) {
      out.rejected.push({
        line: r.line,
        reasons: [`列数为${r.fields.length}，应为${names.length}`],
      });
      continue;
    }
    let values: unknown;
    try {
      values = JSON.parse(col(r.fields, 'values'));
    } catch {
      out.rejected.push({ line: r.line, reasons: ['values: 不是有效的 JSON'] });
      continue;
    }
    const to = col(r.fields, 'periodTo').trim();
    validate(
      r.line,
      {
        subjectId: col(r.fields, 'subjectId').trim(),
        source: col(r.fields, 'source').trim(),
        period: { from: col(r.fields, 'periodFrom').trim(), to: to === '' ? null : to },
        values,
      },
      out,
    );
  }
  return out;
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
