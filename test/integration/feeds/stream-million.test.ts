/**
 * Issue #16: a 1,000,000-row feed file (generated on the fly, gzipped JSON lines) streams
 * through the real import job — gunzip, split, validate each row (zod, USCC check
 * characters), merge duplicates, checkpoint to the job record every 10,000 rows — with
 * memory bounded. The writes go to a counting sink here: the write path to DynamoDB Local
 * is tested on 20,000 rows in resume.test.ts and import.test.ts (1,000,000 BatchWriteItem
 * puts on DynamoDB Local at its ~1,300 items/s ceiling on 2 cores would take ~13 minutes).
 */
import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getFeedJob } from '../../../functions/repositories/feed-jobs';
import { runFeedImport } from '../../../functions/services/feed-import';
import { freshTable } from '../../support/table';
import { writeFeed, type FeedTruth } from './generate';
import { newFeedJob } from './support';

// The assertions are on memory and counts, not speed. The time is the machine's: about 100 s
// alone on a quiet night, more than 300 s in a CI run on a 2-core machine with CPU steal
// (stream path 10,745 rows/s that morning against 25,730), where the 300 s budget failed it.
jest.setTimeout(900_000);

const ROWS = 1_000_000;
const MB = 1024 * 1024;

// A full GC on demand, so the retained heap is measured rather than garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Sample {
  rows: number;
  heap: number;
  arrayBuffers: number;
  rss: number;
}
const sampleAt = (rows: number): Sample => {
  gc();
  const m = process.memoryUsage();
  return { rows, heap: m.heapUsed / MB, arrayBuffers: m.arrayBuffers / MB, rss: m.rss / MB };
};

describe('a 1,000,000-row feed file streams with memory bounded', () => {
  let dir: string;
  let file: string;
  let truth: FeedTruth;

  beforeAll(async () => {
    await freshTable();
    dir = mkdtempSync(path.join(tmpdir(), 'zhida-feed-1m-'));
    file = path.join(dir, 'market.jsonl.gz');
    truth = await writeFeed(file, { rows: ROWS, format: 'jsonl', gzip: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads, validates and merges every row; the retained heap and the RSS after a full GC stay flat', async () => {
    const id = 'fjb_' + '1'.repeat(32);
    await newFeedJob(id, file);
    const before = sampleAt(0);
    // Peak RSS per half of the file, reported and bounded against gross buffering only. Its
    // flatness is not asserted: a peak between two collections depends on V8's heap sizing,
    // which varies with what ran before in a long jest process (a fresh-clone CI run measured
    // 73.7 MB for the first half and 148.4 for the second while the retained heap was flat).
    // Flatness is asserted on the RSS after a full GC at each quarter, below.
    const peakRss = [before.rss * MB, before.rss * MB];
    const samples: Sample[] = [];
    let puts = 0;
    const timer = setInterval(() => {
      const half = puts < ROWS / 2 ? 0 : 1;
      peakRss[half] = Math.max(peakRss[half] ?? 0, process.memoryUsage().rss);
    }, 50);
    const started = Date.now();
    const view = await runFeedImport(id, {
      open: () => Promise.resolve(createReadStream(file, { highWaterMark: 1 << 16 })),
      sink: {
        put: (item) => {
          if (item.kind === 'fact_version') return Promise.resolve(); // the history beside each fact
          puts++;
          if (puts % 250_000 === 0) samples.push(sampleAt(puts));
          return Promise.resolve();
        },
        flush: () => Promise.resolve(),
      },
    });
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    const last = samples.at(-1);
    const quarter = samples[0];
    if (!last || !quarter) throw new Error('no samples');
    const [firstHalf = 0, secondHalf = 0] = peakRss.map((b) => b / MB);
    const rssGrowth = Math.max(firstHalf, secondHalf) - before.rss;
    // the figures the report quotes
    console.log(
      `1M-row stream: ${seconds.toFixed(1)} s, ${String(Math.round(ROWS / seconds))} rows/s; peak RSS growth ${rssGrowth.toFixed(1)} MB (first half ${(firstHalf - before.rss).toFixed(1)}, second half ${(secondHalf - before.rss).toFixed(1)}); retained (after GC) at ${samples.map((x) => `${String(x.rows / 1000)}k heap ${(x.heap - before.heap).toFixed(1)} MB + buffers ${(x.arrayBuffers - before.arrayBuffers).toFixed(1)} MB, RSS ${(x.rss - before.rss).toFixed(1)} MB`).join('; ')}`,
    );

    expect(view.status).toBe('done');
    expect(view.counts).toEqual({
      rowsRead: ROWS,
      accepted: truth.accepted,
      rejected: truth.rejected,
      merged: truth.merged,
    });
    expect(puts).toBe(truth.accepted + truth.rejected);
    expect(view.checkpointLine).toBe(ROWS);
    expect((await getFeedJob(id)).rowsPerSecond).toBeGreaterThan(0);
    // Bounded and flat: the file is ~300 MB uncompressed; the retained JS heap does not grow
    // from the first quarter to the end, and the one growing structure is the duplicate index
    // (16 bytes per distinct row, off the heap: 16 MB for a million).
    expect(last.heap - quarter.heap).toBeLessThan(8);
    expect(last.arrayBuffers - before.arrayBuffers).toBeLessThan(48);
    // RSS after a full GC: flat from the first quarter to the end (a native leak of 100 bytes a
    // row would add 75 MB over those 750,000 rows), and the peak bounded in any case (the file
    // held whole would be ~300 MB of bytes and twice that as strings).
    expect(last.rss - quarter.rss).toBeLessThan(48);
    expect(rssGrowth).toBeLessThan(512);
  });
});
