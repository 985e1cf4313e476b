/**
 * Issue #16: a feed import killed mid-file resumes from its checkpoint. The first attempt's
 * byte stream breaks part-way (the process dying under it); the job is left with the last
 * checkpoint's line and counts. The second attempt re-reads the file only to rebuild the
 * duplicate index, writes only the rows after the checkpoint, and ends with exactly the
 * counts of the file — nothing counted twice, no fact or rejected row stored twice.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BatchWriter } from '../../../functions/repositories/batch-writer';
import {
  checkpointFeedJob,
  getFeedJob,
  isFeedJobLost,
  takeFeedJob,
  ZERO_COUNTS,
} from '../../../functions/repositories/feed-jobs';
import type { Item } from '../../../functions/repositories/table';
import { runFeedImport } from '../../../functions/services/feed-import';
import { countItems } from '../../support/items';
import { freshTable } from '../../support/table';
import { writeFeed, type FeedTruth } from './generate';
import { newFeedJob as newJob } from './support';

// Since current facts also write their index entry (issue 16), 6,000 rows took 84 s on a quiet
// CI run and over 180 s on another: 3,000 rows keep the checkpoints (every 500, crash at 55%)
// and every assertion, at half the writes.
jest.setTimeout(300_000);

const ROWS = 3_000;
const EVERY = 500;

/** The file's bytes, breaking with an error after `limit` bytes: a crash under the reader. */
function breakingAfter(file: string, limit: number): Readable {
  let sent = 0;
  return Readable.from(
    (async function* () {
      for await (const chunk of createReadStream(file, { highWaterMark: 4096 })) {
        const b = chunk as Buffer;
        if (sent + b.length > limit) {
          yield b.subarray(0, limit - sent);
          throw new Error('ECONNRESET: the process died');
        }
        sent += b.length;
        yield b;
      }
    })(),
  );
}

describe('a feed import killed mid-file resumes from its checkpoint', () => {
  let dir: string;
  let file: string;
  let truth: FeedTruth;

  beforeAll(async () => {
    await freshTable();
    dir = mkdtempSync(path.join(tmpdir(), 'zhida-feed-resume-'));
    file = path.join(dir, 'market.jsonl');
    truth = await writeFeed(file, { rows: ROWS, format: 'jsonl' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts each row once and stores each fact and rejected row once after a crash and a resume', async () => {
    const id = 'fjb_' + 'a'.repeat(32);
    await newJob(id, file);
    const size = statSync(file).size;

    await expect(
      runFeedImport(id, {
        open: () => Promise.resolve(breakingAfter(file, Math.floor(size * 0.55))),
        checkpointEvery: EVERY,
      }),
    ).rejects.toThrow(/process died/);
    const crashed = await getFeedJob(id);
    expect(crashed.status).toBe('failed');
    expect(crashed.error).toMatch(/断点/);
    expect(crashed.checkpointLine).toBeGreaterThan(ROWS * 0.4);
    expect(crashed.checkpointLine).toBeLessThan(ROWS * 0.55);
    expect(crashed.checkpointLine % EVERY).toBe(0);
    expect(crashed.counts.rowsRead).toBe(crashed.checkpointLine);
    expect(crashed.bytesRead).toBeGreaterThan(0);

    // the resume: count what it writes
    const writer = new BatchWriter(8);
    const written: Item[] = [];
    const resumed = await runFeedImport(id, {
      open: () => Promise.resolve(createReadStream(file)),
      checkpointEvery: EVERY,
      sink: {
        put: (item) => {
          written.push({ PK: item.PK, SK: item.SK, line: item.line, kind: item.kind });
          return writer.put(item);
        },
        flush: () => writer.flush(),
      },
    });
    expect(resumed.status).toBe('done');
    expect(resumed.attempts).toBe(2);
    expect(resumed.counts).toEqual({
      rowsRead: ROWS,
      accepted: truth.accepted,
      rejected: truth.rejected,
      merged: truth.merged,
    });
    // rows before the checkpoint are not rewritten: one put per row after it
    expect(written.filter((i) => i.kind !== 'fact_version')).toHaveLength(
      ROWS - crashed.checkpointLine,
    );
    // each accepted fact after it also keeps its immutable version (issue 14's history)
    expect(written.filter((i) => i.kind === 'fact_version').length).toBe(
      written.filter((i) => i.kind === 'fact').length,
    );
    // nothing stored twice: one fact per distinct identity, one item per rejected line
    expect(await countItems('fact')).toBe(truth.distinct);
    expect(await countItems('feed-rejected-row')).toBe(truth.rejected);
  });

  it('a worker that lost the job to another cannot move its checkpoint (no count is added twice)', async () => {
    const id = 'fjb_' + 'b'.repeat(32);
    await newJob(id, file);
    await takeFeedJob(id, 'w_first', new Date().toISOString());
    await takeFeedJob(id, 'w_second', new Date().toISOString());
    const c = {
      line: 10,
      bytesRead: 100,
      counts: { ...ZERO_COUNTS, rowsRead: 10, accepted: 10 },
      rowsPerSecond: 1,
      at: new Date().toISOString(),
    };
    const stale = await checkpointFeedJob(id, 'w_first', 0, c).catch((e: unknown) => e);
    expect(isFeedJobLost(stale)).toBe(true);
    await checkpointFeedJob(id, 'w_second', 0, c);
    const again = await checkpointFeedJob(id, 'w_second', 0, c).catch((e: unknown) => e);
    expect(isFeedJobLost(again)).toBe(true);
    expect((await getFeedJob(id)).counts.rowsRead).toBe(10);
  });
});
