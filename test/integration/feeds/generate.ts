/**
 * Feed files generated on the fly for the import tests (issue #16), written to a temp dir as
 * a stream (never held in memory), with the truth the import must reproduce counted here,
 * independently of the importer:
 * - every 1,000th row (…007) carries a 统一社会信用代码 with a wrong check character: rejected;
 * - every 1,000th row (…500) repeats the previous row's subject, source and period start with
 *   another name: merged, and its name is the one stored (the later row wins);
 * - every other row is a new enterprise's market_registry fact.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { marketRegistry } from '../../../shared/facts/examples';
import type { Fact } from '../../../shared/facts';
import { CSV_HEADER, factToCsvRow } from '../../../shared/schemas/facts-import';
import { usccCheckChar } from '../../../shared/subject';
import { usccFor } from '../../bench/subjects';

export interface FeedTruth {
  rows: number;
  rejected: number;
  merged: number;
  accepted: number;
  /** distinct facts stored */
  distinct: number;
  /** lines (1-based, in the file) of the rows with a bad check character */
  badLines: number[];
  /** code → the name the later row gave it */
  mergedNames: Map<string, string>;
}

/** A 统一社会信用代码 (letters in it, so it cannot read as an ID number) with a wrong check character. */
const badUscc = (i: number) => {
  const first17 = `91620724MA${String(i).padStart(7, '0')}`;
  return first17 + (usccCheckChar(first17) === '0' ? '1' : '0');
};

export function rowAt(i: number): { fact: Fact; kind: 'new' | 'bad' | 'repeat' } {
  if (i % 1000 === 7) {
    return {
      fact: marketRegistry({ name: `坏码${String(i)}` }, badUscc(i)),
      kind: 'bad',
    };
  }
  if (i % 1000 === 500) {
    return { fact: marketRegistry({ name: `更正${String(i)}` }, usccFor(i - 1)), kind: 'repeat' };
  }
  return { fact: marketRegistry({ name: `企业${String(i)}` }, usccFor(i)), kind: 'new' };
}

export async function writeFeed(
  file: string,
  o: { rows: number; format: 'jsonl' | 'csv'; gzip?: boolean; keepNames?: boolean },
): Promise<FeedTruth> {
  const truth: FeedTruth = {
    rows: o.rows,
    rejected: 0,
    merged: 0,
    accepted: 0,
    distinct: 0,
    badLines: [],
    mergedNames: new Map(),
  };
  const header = o.format === 'csv' ? 1 : 0;
  async function* lines() {
    if (header) yield `${CSV_HEADER}\n`;
    let chunk = '';
    for (let i = 1; i <= o.rows; i++) {
      const { fact, kind } = rowAt(i);
      if (kind === 'bad') {
        truth.rejected++;
        truth.badLines.push(i + header);
      } else {
        truth.accepted++;
        if (kind === 'repeat') {
          truth.merged++;
          if (o.keepNames)
            truth.mergedNames.set(fact.subjectId, (fact.values as { name: string }).name);
        } else truth.distinct++;
      }
      chunk += `${o.format === 'csv' ? factToCsvRow(fact) : JSON.stringify(fact)}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  const out = createWriteStream(file);
  if (o.gzip) await pipeline(Readable.from(lines()), createGzip({ level: 1 }), out);
  else {
    await pipeline(Readable.from(lines()), out);
  }
  if (!out.closed) await once(out, 'close');
  return truth;
}
