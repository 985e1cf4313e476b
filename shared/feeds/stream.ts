/**
 * A feed file read as a stream (issue #16): the pure half of the import job
 * (functions/services/feed-import.ts does the I/O). Bytes go in chunk by chunk; rows come out
 * one by one, each with its line number and the byte offset just after it, validated by the
 * same code as the inline import (validateRow: zod in Chinese, USCC / ID checksums).
 * Nothing here holds more than one record's bytes, except IdentitySet (see there).
 *
 * JSON lines: one fact per line, blank lines skipped. CSV (RFC 4180): the header names the
 * columns (shared/schemas/facts-import.ts), a quoted field may span lines; a record is
 * complete when its quotes balance, and its line is the line it starts on.
 */
import type { Fact } from '../facts';
import {
  csvCandidate,
  csvHeaderProblem,
  csvRecords,
  factIdentity,
  validateRow,
  type FeedFormat,
} from '../schemas/facts-import';

export interface PhysicalLine {
  text: string;
  /** 1-based */
  line: number;
  /** byte offset just after the line's newline: where reading resumes */
  end: number;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/** Splits byte chunks at '\n' (a trailing '\r' is dropped). UTF-8 never has 0x0A inside a character. */
export class LineSplitter {
  private rest: Buffer[] = [];
  private offset = 0;
  private line = 0;

  constructor(startOffset = 0, startLine = 0) {
    this.offset = startOffset;
    this.line = startLine;
  }

  *push(chunk: Buffer): Generator<PhysicalLine> {
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(NEWLINE, from);
      if (at < 0) break;
      const piece = chunk.subarray(from, at);
      const bytes = this.rest.length > 0 ? Buffer.concat([...this.rest, piece]) : piece;
      this.rest = [];
      this.offset += bytes.length + 1;
      yield this.lineOf(bytes);
      from = at + 1;
    }
    if (from < chunk.length) this.rest.push(chunk.subarray(from));
  }

  *end(): Generator<PhysicalLine> {
    if (this.rest.length === 0) return;
    const bytes = Buffer.concat(this.rest);
    this.rest = [];
    this.offset += bytes.length;
    yield this.lineOf(bytes);
  }

  private lineOf(bytes: Buffer): PhysicalLine {
    const body = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
    this.line += 1;
    return { text: body.toString('utf8'), line: this.line, end: this.offset };
  }
}

const quotesIn = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
};

/** A row of the feed: accepted (the fact and its identity) or rejected (the reasons and the raw text). */
export type FeedRow = { line: number; end: number } & (
  { fact: Fact; identity: string } | { reasons: string[]; raw: string }
);

/** The file has no usable header, or is not a feed at all: the job fails with this message. */
export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

/** The longest raw text a rejected row keeps (the download shows it beside the reasons). */
export const RAW_TEXT_LIMIT = 300;

/** Physical lines in, validated rows out. */
export class FeedRowReader {
  private names: string[] | undefined;
  private pending: PhysicalLine[] = [];
  private quotes = 0;

  constructor(private readonly format: FeedFormat) {}

  *lines(lines: Iterable<PhysicalLine>): Generator<FeedRow> {
    for (const l of lines) {
      if (this.format === 'jsonl') {
        if (l.text.trim() !== '') yield jsonRow(l);
        continue;
      }
      this.pending.push(l);
      this.quotes += quotesIn(l.text);
      if (this.quotes % 2 === 1) continue; // a quoted field goes on to the next line
      const row = this.csvRow();
      if (row) yield row;
    }
  }

  /** At the end of the file: an unclosed quote is a rejected row, not a lost one. */
  *finish(): Generator<FeedRow> {
    if (this.pending.length === 0) return;
    const row = this.csvRow();
    if (row) yield row;
  }

  private csvRow(): FeedRow | undefined {
    const parts = this.pending;
    this.pending = [];
    const unbalanced = this.quotes % 2 === 1;
    this.quotes = 0;
    const first = parts[0];
    const last = parts.at(-1);
    if (!first || !last) return undefined;
    const text = parts.map((p) => p.text).join('\n');
    if (text.trim() === '') return undefined;
    const where = { line: first.line, end: last.end };
    if (this.names === undefined) {
      const names = (csvRecords(text)[0]?.fields ?? []).map((f) => f.trim().replace(/^\uFEFF/, ''));
      const problem = csvHeaderProblem(names);
      if (problem !== undefined)
        throw new FeedFormatError(`第 ${String(first.line)} 行：${problem}`);
      this.names = names;
      return undefined;
    }
    if (unbalanced) return { ...where, reasons: ['引号未闭合'], raw: clip(text) };
    const fields = csvRecords(text)[0]?.fields ?? [];
    const candidate = csvCandidate(this.names, fields);
    if ('reasons' in candidate) return { ...where, reasons: candidate.reasons, raw: clip(text) };
    return checked(where, candidate.value, text);
  }
}

const clip = (text: string) =>
  text.length > RAW_TEXT_LIMIT ? `${text.slice(0, RAW_TEXT_LIMIT)}…` : text;

function checked(where: { line: number; end: number }, candidate: unknown, text: string): FeedRow {
  const r = validateRow(candidate);
  if ('reasons' in r) return { ...where, reasons: r.reasons, raw: clip(text) };
  return { ...where, fact: r.fact, identity: factIdentity(r.fact) };
}

function jsonRow(l: PhysicalLine): FeedRow {
  const where = { line: l.line, end: l.end };
  let value: unknown;
  try {
    value = JSON.parse(l.text);
  } catch {
    return { ...where, reasons: ['不是有效的 JSON'], raw: clip(l.text) };
  }
  return checked(where, value, l.text);
}

/**
 * The identities seen so far, to merge duplicate rows (same subject, source and period start:
 * the later row wins, and is counted). It keeps a 64-bit fingerprint per distinct identity in
 * typed arrays — 16 bytes per distinct row at most (open addressing, load ≤ ½), off the JS
 * heap — not the strings: 1,000,000 distinct rows take 16 MB. Two identities sharing all 64 bits
 * (odds about n²/2⁶⁵, 3·10⁻⁸ for a million rows) would count one row as a duplicate; the
 * write itself is still right, since the store keys facts by the full identity.
 */
export class IdentitySet {
  private slots: Uint32Array;
  private used = 0;

  constructor(capacity = 1 << 16) {
    this.slots = new Uint32Array(capacity * 2);
  }

  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Adds the identity; true when it was already there. */
  add(identity: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ identity.length;
    for (let i = 0; i < identity.length; i++) {
      const c = identity.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = h1 >>> 0;
    h2 = (h2 | 1) >>> 0; // (x, 0) marks an empty slot
    if (this.insert(h1, h2)) return true;
    this.used++;
    if (this.used * 2 > this.slots.length / 2) this.grow();
    return false;
  }

  private insert(h1: number, h2: number): boolean {
    const capacity = this.slots.length / 2;
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & (capacity - 1);
    for (;;) {
      const a = this.slots[i * 2];
      const b = this.slots[i * 2 + 1];
      if (b === 0) {
        this.slots[i * 2] = h1;
        this.slots[i * 2 + 1] = h2;
        return false;
      }
      if (a === h1 && b === h2) return true;
      i = (i + 1) & (capacity - 1);
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      const b = old[i + 1] ?? 0;
      if (b !== 0) this.insert(old[i] ?? 0, b);
    }
  }
}

/** The rejected rows as a CSV for Excel (UTF-8 with BOM): 行号, 原因, 原始内容. */
export function rejectedRowsCsv(
  rows: readonly { line: number; reasons: readonly string[]; raw?: string }[],
): string {
  // a cell starting with = + - @ would run as a formula in a spreadsheet: a feed's text must not
  const q = (s: string) => `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  const body = rows.map((r) => [String(r.line), q(r.reasons.join('；')), q(r.raw ?? '')].join(','));
  return `\uFEFF${['行号,原因,原始内容', ...body].join('\r\n')}\r\n`;
}
