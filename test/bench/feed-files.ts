/**
 * The end-to-end figure's input (issue #16): N generated subjects (test/bench/subjects.ts) as
 * the CSV feed files the departments would upload, one file per source, streamed to disk —
 * each subject is built, its rows appended to the files' buffers and forgotten, and a buffer
 * goes to disk (honouring back-pressure) once it passes 64 KB, so memory stays flat whatever N.
 * While writing, the independent check (test/bench/e2e-check.ts) tallies what the policy
 * text says the same subjects are owed.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Fact } from '../../shared/facts/fact';
import { CSV_HEADER, factToCsvRow } from '../../shared/schemas/facts-import';
import { addOwed, emptyTally, owedTo, type Tally } from './e2e-check';
import { subjectAt } from './subjects';

/** Which department's feed carries each source (the file names say it). */
export const FEED_OF: Record<Fact['source'], string> = {
  market_registry: '市场监管局-市场主体登记',
  social_insurance: '人社局-社会保险',
  employment_registry: '人社局-就业登记',
  poverty_registry: '乡村振兴局-防返贫监测',
  lease_registry: '国资局-国有房屋租赁',
  award_list: '工信局-奖补名单',
  loan_registry: '人行-创业担保贷款',
  tax: '税务局-纳税记录',
};

export interface FeedFile {
  source: Fact['source'];
  file: string;
  rows: number;
  bytes: number;
}

export interface GeneratedFeeds {
  files: FeedFile[];
  subjects: number;
  facts: number;
  /** what the policy text says the subjects are owed (not the engine's answer) */
  owed: Tally;
  seconds: number;
}

class CsvFile {
  private buffer = '';
  rows = 0;
  bytes = 0;
  private readonly out: WriteStream;
  constructor(readonly file: string) {
    this.out = createWriteStream(file);
    this.buffer = `${CSV_HEADER}\n`;
  }
  async add(line: string): Promise<void> {
    this.buffer += `${line}\n`;
    this.rows++;
    if (this.buffer.length > 1 << 16) await this.drain();
  }
  private async drain(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    this.bytes += Buffer.byteLength(chunk);
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    if (this.buffer) await this.drain();
    this.out.end();
    await once(this.out, 'close');
  }
}

/** Writes subjects 0 … n−1 as one CSV feed file per source under `dir`. */
export async function writeFeedFiles(
  dir: string,
  n: number,
  asOf: string,
  log: (line: string) => void = () => undefined,
): Promise<GeneratedFeeds> {
  const t0 = Date.now();
  const files = new Map<Fact['source'], CsvFile>();
  const owed = emptyTally();
  let facts = 0;
  let lastLog = Date.now();
  for (let i = 0; i < n; i++) {
    const s = subjectAt(i);
    for (const f of s.facts) {
      let out = files.get(f.source);
      if (!out) {
        out = new CsvFile(path.join(dir, `${FEED_OF[f.source]}.csv`));
        files.set(f.source, out);
      }
      await out.add(factToCsvRow(f));
      facts++;
    }
    addOwed(owed, owedTo(s, asOf));
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  feed files: ${i.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} subjects`);
    }
  }
  for (const f of files.values()) await f.close();
  return {
    files: [...files.entries()].map(([source, f]) => ({
      source,
      file: f.file,
      rows: f.rows,
      bytes: f.bytes,
    })),
    subjects: n,
    facts,
    owed,
    seconds: (Date.now() - t0) / 1000,
  };
}

/** A 19-digit bank card number for subject `i` with a valid Luhn check digit. */
export function cardNumberFor(i: number): string {
  const body = `622848${String(i).padStart(12, '0')}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    // from the right, starting with the digit next to the check digit: double every other one
    let d = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${body}${String((10 - (sum % 10)) % 10)}`;
}
