/**
 * A feed file fanned out by byte ranges (issue #16): a 1 GB file cannot be imported in one
 * 15-minute Lambda invocation, so the upload's event runs a planner that cuts it into
 * ranges and one worker per range imports it, in parallel, on AWS one SQS message per
 * range (functions/queue/import-feed-range), locally in this process a few at a time.
 *
 * Planner (`startFeedImport`): a file no larger than one range, a gzip file (it cannot be
 * split) or a job already started sequentially goes the sequential way
 * (runFeedImport: one reader, checkpoints on the job). Otherwise it streams the object once
 * through RangePlanner (shared/feeds/plan.ts: no parsing, one indexOf per line), which
 * cuts it at record starts and records each range's first line, so line numbers stay
 * exact. The range records are written first (put if absent), then the plan is saved on
 * the job by a conditional write: planning again, or a second upload event, changes
 * nothing; the messages are sent, then `dispatched` is set, so only a planner that crashed
 * before that sends them again (a message for a finished range changes nothing).
 *
 * Range worker (`runFeedRange`): takes its range (status, worker), reads exactly its bytes
 * with a ranged GET, and reads them as the sequential job would (a CSV range after the
 * first reads the header first). Rejected rows are keyed by line, fact versions by
 * content, both put by a BatchWriter as before. The current fact records are written by a
 * conditional write (putFeedFact): the later line of the job wins, whatever order ranges
 * finish in, and duplicates across ranges are counted in `merged` exactly once. Every
 * `checkpointEvery` rows the range checkpoints: its own line and counts and the job's
 * counts moved by the rows since, in one transaction (checkpointFeedRange); the last
 * checkpoint marks it done and counts it in `rangesDone`. A crashed or redelivered range
 * resumes from its checkpoint: the rows before are re-read only to rebuild its duplicate
 * index, and the rows after are written again, which stores the same records and gives
 * each the same share of `merged` (nothing is counted twice). The range that completes
 * the last one completes the job.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FeedFormatError, IdentitySet } from '../../shared/feeds/stream';
import { RangePlanner, RangeRowReader, type FeedRange } from '../../shared/feeds/plan';
import type { FeedCounts, FeedJobId, FeedJobView } from '../../shared/schemas/feeds';
import { now as clockNow } from '../_lib/clock';
import { logger } from '../_lib/logger';
import { objectSize, openObject } from '../adapters/storage';
import { BatchWriter } from '../repositories/batch-writer';
import { putFeedFact } from '../repositories/facts';
import {
  checkpointFeedRange,
  completeFeedJob,
  failFannedOutFeedJob,
  feedRangesOf,
  getFeedJob,
  isFeedJobLost,
  markFeedJobDispatched,
  planFeedJob,
  putFeedRanges,
  restartFeedJob,
  setFeedJobRate,
  takeFeedRange,
  type FeedJob,
  type FeedRangeRecord,
} from '../repositories/feed-jobs';
import { DEFAULT_CHECKPOINT_EVERY, runFeedImport, viewOf } from './feed-import';
import { FeedRows } from './feed-rows';
import { mapLimit, withRetry } from './retry';

/** 16 MiB ≈ 55,000 rows of ~300 bytes: a few minutes of writes for one worker; 64 ranges for 1 GB. */
export const DEFAULT_RANGE_BYTES = 16 * 1024 * 1024;
/** ranges run at once in one process (locally) */
export const DEFAULT_RANGE_CONCURRENCY = 4;
/** conditional fact writes in flight per range */
export const DEFAULT_FACT_WRITES = 16;

const GZIP_MAGIC = [0x1f, 0x8b];

/** Where the bytes come from and how the ranges run; tests replace parts. */
export interface FanoutIo {
  /** the object's size (undefined: not there) */
  size(job: FeedJob): Promise<number | undefined>;
  /** the object's bytes, or only `start` ≤ i < `end` */
  open(job: FeedJob, span?: { start: number; end: number }): Promise<Readable>;
  rangeBytes?: number;
  /** ranges run in this process at once (inline) */
  concurrency?: number;
  /** conditional fact writes in flight per range */
  writes?: number;
  checkpointEvery?: number;
  lanes?: number;
  /** AWS: sends the ranges' messages; without it the ranges run in this process */
  dispatch?: (job: FeedJob, ranges: readonly FeedRangeRecord[]) => Promise<void>;
  /** a range stops at its next checkpoint once aborted (the Lambda's deadline) */
  signal?: AbortSignal;
  worker?: string;
  clock?: () => Date;
}

export const rangeBytesOf = (io: Pick<FanoutIo, 'rangeBytes'>): number => {
  const env = Number(process.env.FEED_RANGE_BYTES);
  return io.rangeBytes ?? (Number.isInteger(env) && env > 0 ? env : DEFAULT_RANGE_BYTES);
};

const sequential = (id: FeedJobId, io: FanoutIo) =>
  runFeedImport(id, {
    open: (job) => io.open(job),
    ...(io.checkpointEvery !== undefined ? { checkpointEvery: io.checkpointEvery } : {}),
    ...(io.lanes !== undefined ? { lanes: io.lanes } : {}),
    ...(io.worker !== undefined ? { worker: io.worker } : {}),
    ...(io.clock !== undefined ? { clock: io.clock } : {}),
  });

/** Streams the object once and cuts it; undefined for a gzip file (one range: sequential). */
async function planOf(job: FeedJob, io: FanoutIo, rangeBytes: number) {
  const input = await io.open(job);
  const planner = new RangePlanner(job.format, rangeBytes);
  let first = true;
  for await (const chunk of input) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    if (first && b.length >= 2 && b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1]) {
      input.destroy();
      return undefined;
    }
    first = false;
    planner.push(b);
  }
  return planner.end();
}

/** A CSV header no range could read: the sequential job reports it (the job fails with its line). */
function headerProblem(job: FeedJob, header: string): boolean {
  if (job.format !== 'csv') return false;
  try {
    new RangeRowReader('csv', { index: 1, start: 0, end: 0, firstLine: 1 }, header);
    return false;
  } catch (e) {
    if (e instanceof FeedFormatError) return true;
    throw e;
  }
}

/**
 * The upload's event (and, locally, the start route): plans the job and runs or dispatches
 * its ranges, or imports it sequentially. A job already planned is continued: its ranges
 * not done are run again (inline) or, if its messages were never all sent, sent (AWS).
 */
export async function startFeedImport(id: FeedJobId, io: FanoutIo): Promise<FeedJobView> {
  const clock = io.clock ?? clockNow;
  let job = await getFeedJob(id);
  if (job.status === 'done') return viewOf(job);
  if (job.ranges === undefined) {
    if (job.attempts > 0) return sequential(id, io); // started that way: it resumes that way
    const rangeBytes = rangeBytesOf(io);
    const size = (await io.size(job)) ?? job.sizeBytes;
    if (size <= rangeBytes) return sequential(id, io);
    const plan = await planOf(job, io, rangeBytes);
    if (!plan || plan.ranges.length < 2 || headerProblem(job, plan.header))
      return sequential(id, io);
    await putFeedRanges(id, plan.ranges);
    const planned = await planFeedJob(
      id,
      { ranges: plan.ranges.length, rangeBytes, header: plan.header },
      clock().toISOString(),
    );
    job = await getFeedJob(id);
    if (!planned && job.ranges === undefined) return viewOf(job); // done, or sequential meanwhile
    logger.info('feed job planned', {
      jobId: id,
      ranges: plan.ranges.length,
      bytes: plan.bytes,
      lines: plan.lines,
    });
  }
  if (job.status === 'done') return viewOf(job);
  const pending = (await feedRangesOf(id)).filter((r) => r.status !== 'done');
  if (io.dispatch) {
    if (job.dispatched === true) return viewOf(job);
    await io.dispatch(job, pending);
    await withRetry(() => markFeedJobDispatched(id));
    return viewOf(await getFeedJob(id));
  }
  if (job.status === 'failed') await withRetry(() => restartFeedJob(id, clock().toISOString()));
  const errors: unknown[] = [];
  await mapLimit(pending, io.concurrency ?? DEFAULT_RANGE_CONCURRENCY, async (r) => {
    try {
      await runFeedRange(id, r.index, io);
    } catch (e) {
      errors.push(e);
    }
  });
  if (errors.length > 0) {
    await markRangeFailure(id, errors[0], clock);
    throw errors[0];
  }
  return viewOf(await getFeedJob(id));
}

/** After a range failed for good (locally at once; on AWS at its last delivery): the job shows it. */
export async function markRangeFailure(
  id: FeedJobId,
  e: unknown,
  clock: () => Date = clockNow,
): Promise<void> {
  const message =
    e instanceof FeedFormatError ? e.message : '读取或写入中断，可重新开始，将从断点继续';
  await withRetry(() => failFannedOutFeedJob(id, message, clock().toISOString()));
}

/** Runs fn per key in the order calls were made, at most `limit` calls in flight overall. */
class KeyedWriter {
  private readonly inflight = new Set<Promise<void>>();
  private readonly tails = new Map<string, Promise<void>>();
  private failure: Error | undefined;

  constructor(private readonly limit: number) {}

  async run(key: string, task: () => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inflight.size >= this.limit) await Promise.race(this.inflight);
    const before = this.tails.get(key);
    const p: Promise<void> = (before ? before.then(task) : task())
      .catch((e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => {
        this.inflight.delete(p);
        if (this.tails.get(key) === p) this.tails.delete(key);
      });
    this.inflight.add(p);
    this.tails.set(key, p);
  }

  async flush(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
    if (this.failure) throw this.failure;
  }
}

const minus = (a: FeedCounts, b: FeedCounts): FeedCounts => ({
  rowsRead: a.rowsRead - b.rowsRead,
  accepted: a.accepted - b.accepted,
  rejected: a.rejected - b.rejected,
  merged: a.merged - b.merged,
});

/** A range stopped at a checkpoint before its end (the Lambda's deadline): its message is retried. */
export class RangeNotFinished extends Error {
  constructor(id: FeedJobId, index: number) {
    super(`range ${String(index)} of ${id} not finished; resumes from its checkpoint`);
    this.name = 'RangeNotFinished';
  }
}

/**
 * Imports one range of a planned job (or resumes it from its checkpoint); a range already
 * done changes nothing (it only completes the job if that was left undone). Throws when the
 * file cannot be read or the store fails; a worker that lost the range to another stops
 * quietly (that one finishes it).
 */
export async function runFeedRange(
  id: FeedJobId,
  index: number,
  io: FanoutIo,
): Promise<FeedJobView> {
  const clock = io.clock ?? clockNow;
  const worker = io.worker ?? `w_${randomUUID().slice(0, 8)}`;
  const job = await getFeedJob(id);
  if (job.status === 'done') return viewOf(job);
  const range = await withRetry(() => takeFeedRange(id, index, worker, clock().toISOString()));
  if (range.status === 'done') return completeIfLast(id, clock);

  let committed: FeedCounts = { ...range.counts };
  let committedBytes = range.bytesRead;
  const facts = new KeyedWriter(io.writes ?? DEFAULT_FACT_WRITES);
  const sink = new BatchWriter(io.lanes ?? 8);

  const checkpoint = async (finish?: 'done') => {
    await facts.flush();
    await sink.flush();
    const { counts, lastEnd } = rows;
    // every range's checkpoint also moves the job's counts: two at the same moment collide
    // (TransactionConflict), and the later one is retried; a lost range (a CONFLICT too) is not
    const lostRange = await withRetry(() =>
      checkpointFeedRange(
        id,
        index,
        worker,
        rows.checkpointLine,
        {
          line: rows.lastLine,
          bytesRead: lastEnd,
          counts,
          delta: { counts: minus(counts, committed), bytes: lastEnd - committedBytes },
          at: clock().toISOString(),
        },
        finish,
      ).then(
        () => undefined,
        (e: unknown) => {
          if (isFeedJobLost(e)) return e as Error;
          throw e;
        },
      ),
    );
    if (lostRange) throw lostRange;
    committed = { ...counts };
    committedBytes = lastEnd;
    rows.checkpointed();
    if (!finish) await showRate(id, clock);
  };

  const rows = new FeedRows({
    jobId: id,
    resume: { line: range.checkpointLine, bytesRead: range.bytesRead, counts: range.counts },
    sink,
    // the later line of the job wins, whatever order the ranges finish in
    writeFact: (fact, row, merge) =>
      facts.run(row.identity, async () => {
        merge(await putFeedFact(fact, { jobId: id, line: row.line, first: row.first }));
      }),
    recordedAt: clock().toISOString(),
    every: io.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    onEvery: async () => {
      await checkpoint();
      if (io.signal?.aborted) throw new RangeNotFinished(id, index);
    },
    ids: new IdentitySet(1 << 12),
  });

  try {
    const reader = new RangeRowReader(job.format, range, job.header ?? '');
    if (range.end > range.start)
      for await (const chunk of await io.open(job, { start: range.start, end: range.end })) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        for (const row of reader.push(b)) await rows.handle(row);
      }
    for (const row of reader.finish()) await rows.handle(row);
    rows.lastEnd = range.end; // trailing blank lines: the range's bytes are all read
    await checkpoint('done');
  } catch (e) {
    if (isFeedJobLost(e)) {
      logger.info('feed range taken over by another worker', { jobId: id, index, worker });
      return completeIfLast(id, clock); // (or its done mark was written after all)
    }
    if (!(e instanceof RangeNotFinished))
      logger.error('feed range failed', {
        jobId: id,
        index,
        worker,
        line: rows.lastLine,
        error: String(e),
      });
    throw e;
  }
  return completeIfLast(id, clock);
}

/** rows/s since the job started (at least 1 once a row is read) */
const rateOf = (rowsRead: number, startedAt: string | undefined, at: Date): number => {
  const started = startedAt ? Date.parse(startedAt) : at.getTime();
  const seconds = Math.max(0.001, (at.getTime() - started) / 1000);
  return Math.max(1, Math.round(rowsRead / seconds));
};

/**
 * After a range's checkpoint: the job's rows/s from its rows read and its start, so the admin
 * page shows the speed while the import runs (written only if no checkpoint moved the job's
 * rows since it was read: setFeedJobRate). Best effort: a failure never fails the range.
 */
async function showRate(id: FeedJobId, clock: () => Date): Promise<void> {
  try {
    const job = await getFeedJob(id);
    if (job.status !== 'running' || job.counts.rowsRead === 0) return;
    await setFeedJobRate(id, {
      rowsRead: job.counts.rowsRead,
      rowsPerSecond: rateOf(job.counts.rowsRead, job.startedAt, clock()),
    });
  } catch (e) {
    logger.warn('feed job rate not written', { jobId: id, error: String(e) });
  }
}

/** Completes the job when every range is done (once: a conditional write). */
async function completeIfLast(id: FeedJobId, clock: () => Date): Promise<FeedJobView> {
  const job = await getFeedJob(id);
  if (job.status === 'done' || job.ranges === undefined || (job.rangesDone ?? 0) < job.ranges)
    return viewOf(job);
  const ranges = await feedRangesOf(id);
  const at = clock();
  const completed = await withRetry(() =>
    completeFeedJob(id, {
      checkpointLine: Math.max(0, ...ranges.map((r) => r.checkpointLine)),
      rowsPerSecond: rateOf(job.counts.rowsRead, job.startedAt, at),
      at: at.toISOString(),
    }),
  );
  if (completed) {
    const done = await getFeedJob(id);
    logger.info('feed imported', { jobId: id, ranges: job.ranges, ...done.counts });
    return viewOf(done);
  }
  return viewOf(await getFeedJob(id));
}

/** The ranges' messages on the range queue: `{ jobId, index }`, ten per call. */
export function queueDispatch(queueUrl: string) {
  return async (job: FeedJob, ranges: readonly FeedRange[]): Promise<void> => {
    const sqs = new SQSClient({});
    for (let i = 0; i < ranges.length; i += 10) {
      const out = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: ranges.slice(i, i + 10).map((r) => ({
            Id: String(r.index),
            MessageBody: JSON.stringify({ jobId: job.id, index: r.index }),
          })),
        }),
      );
      if ((out.Failed ?? []).length > 0)
        throw new Error(`${String(out.Failed?.length)} range messages were not sent`);
    }
  };
}

/** The import as the platform runs it: the file from object storage, ranges on the queue if there is one. */
export function storedFanoutIo(o: { signal?: AbortSignal } = {}): FanoutIo {
  // serverless-offline (IS_OFFLINE) has no queue: the ranges run in this process there
  const queueUrl = process.env.IS_OFFLINE ? undefined : process.env.FEED_RANGE_QUEUE_URL;
  return {
    size: (job) => objectSize(job.key),
    open: (job, span) => openObject(job.key, span),
    ...(queueUrl ? { dispatch: queueDispatch(queueUrl) } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  };
}

export const startStoredFeedImport = (id: FeedJobId) => startFeedImport(id, storedFanoutIo());
