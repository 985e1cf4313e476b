/**
 * The fan-out plan of a feed file (issue #16): the pure half of the planner
 * (functions/services/feed-fanout.ts streams the object through it once). It cuts the file
 * into byte ranges of about `rangeBytes` that each START at a record's first byte, and gives
 * each its first line number, so the range workers number their rows exactly as the
 * sequential import does and their rejected rows keep the file's line numbers.
 *
 * No parsing: one `indexOf('\n')` per line, plus, for CSV, a count of `"` so that no range
 * starts inside a quoted field that spans lines (a record ends where its quotes balance, as
 * FeedRowReader decides). UTF-8 never has 0x0A or 0x22 inside a multi-byte character, so
 * bytes are enough. A CSV's header (its first non-blank record) is kept as text: every range
 * after the first reads it first. No range is cut before the header ends; a header longer
 * than MAX_HEADER_BYTES stops the cutting (the file is then one range, the sequential path,
 * which reports the bad header).
 *
 * A line longer than a range is never cut: a range ends at the first record start at least
 * `rangeBytes` after its own start. A file that ends with a newline gets no empty range.
 */
import type { FeedFormat } from '../schemas/facts-import';
import { FeedRowReader, LineSplitter, type FeedRow } from './stream';

export interface FeedRange {
  /** 0-based */
  index: number;
  /** the first byte (a record's first byte) */
  start: number;
  /** one past the last byte */
  end: number;
  /** the 1-based line number of the byte at `start` */
  firstLine: number;
}

export interface FeedPlan {
  ranges: FeedRange[];
  /** the file's size in bytes */
  bytes: number;
  /** physical lines in the file (a last line without a newline counts) */
  lines: number;
  /** CSV: the header record's text (its physical lines, newlines included); '' for JSON lines */
  header: string;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
export const MAX_HEADER_BYTES = 64 * 1024;

const quotesIn = (chunk: Buffer, from: number, to: number): number => {
  let n = 0;
  for (let i = chunk.indexOf(QUOTE, from); i >= 0 && i < to; i = chunk.indexOf(QUOTE, i + 1)) n++;
  return n;
};

const isBlank = (bytes: Buffer): boolean => bytes.toString('utf8').trim() === '';

/** Feed it the file's bytes in order (push), then end(): the plan. */
export class RangePlanner {
  private offset = 0;
  private newlines = 0;
  private lastByte = -1;
  private quotes = 0;
  private readonly cuts: { at: number; line: number }[] = [{ at: 0, line: 1 }];
  private headerDone: boolean;
  private headerBytes: Buffer[] = [];
  private headerSize = 0;
  private headerFailed = false;
  private header = '';

  constructor(
    private readonly format: FeedFormat,
    private readonly rangeBytes: number,
  ) {
    if (!(rangeBytes >= 1)) throw new RangeError('rangeBytes must be at least 1');
    this.headerDone = format !== 'csv';
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const csv = this.format === 'csv';
    const anyQuote = csv && chunk.includes(QUOTE);
    let from = 0;
    for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, from)) {
      if (anyQuote) this.quotes += quotesIn(chunk, from, at);
      if (!this.headerDone) this.collectHeader(chunk.subarray(from, at + 1));
      this.newlines++;
      from = at + 1;
      const next = this.offset + from; // the byte after this newline: a line start
      const balanced = this.quotes % 2 === 0;
      if (balanced) this.quotes = 0;
      if (!balanced || !this.headerDone || this.headerFailed) continue;
      const last = this.cuts[this.cuts.length - 1];
      if (last && next - last.at >= this.rangeBytes)
        this.cuts.push({ at: next, line: this.newlines + 1 });
    }
    if (from < chunk.length) {
      if (anyQuote) this.quotes += quotesIn(chunk, from, chunk.length);
      if (!this.headerDone) this.collectHeader(chunk.subarray(from));
    }
    this.offset += chunk.length;
    this.lastByte = chunk[chunk.length - 1] ?? -1;
  }

  end(): FeedPlan {
    const bytes = this.offset;
    // a cut at the very end (the file ends with a newline) would open an empty range
    while (this.cuts.length > 1 && (this.cuts[this.cuts.length - 1]?.at ?? 0) >= bytes)
      this.cuts.pop();
    const ranges = this.cuts.map((c, index) => ({
      index,
      start: c.at,
      end: this.cuts[index + 1]?.at ?? bytes,
      firstLine: c.line,
    }));
    const lines = this.newlines + (bytes > 0 && this.lastByte !== NEWLINE ? 1 : 0);
    return { ranges, bytes, lines, header: this.headerDone ? this.header : '' };
  }

  /** Bytes of the CSV's first lines until the first non-blank record is complete. */
  private collectHeader(piece: Buffer): void {
    this.headerSize += piece.length;
    if (this.headerSize > MAX_HEADER_BYTES) {
      this.headerFailed = true;
      this.headerDone = true;
      this.headerBytes = [];
      return;
    }
    this.headerBytes.push(piece);
    if (piece[piece.length - 1] !== NEWLINE || this.quotes % 2 === 1) return;
    const all = Buffer.concat(this.headerBytes);
    if (isBlank(all)) return; // blank lines before the header
    this.header = all.toString('utf8');
    this.headerDone = true;
    this.headerBytes = [];
  }
}

/**
 * Reads one range's bytes (exactly `start`..`end`) into rows numbered as in the whole file:
 * a CSV range after the first reads the header first. Throws FeedFormatError, as the
 * sequential reader does, when the header is unusable.
 */
export class RangeRowReader {
  private readonly reader: FeedRowReader;
  private readonly splitter: LineSplitter;

  constructor(format: FeedFormat, range: FeedRange, header: string) {
    this.reader = new FeedRowReader(format);
    if (range.index > 0 && header !== '') {
      const s = new LineSplitter();
      const lines = [...s.push(Buffer.from(header)), ...s.end()];
      for (const row of this.reader.lines(lines))
        throw new Error(`the header yielded a row at line ${String(row.line)}`);
    }
    this.splitter = new LineSplitter(range.start, range.firstLine - 1);
  }

  *push(chunk: Buffer): Generator<FeedRow> {
    yield* this.reader.lines(this.splitter.push(chunk));
  }

  *finish(): Generator<FeedRow> {
    yield* this.reader.lines(this.splitter.end());
    yield* this.reader.finish();
  }
}
