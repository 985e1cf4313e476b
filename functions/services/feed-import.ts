/**
 * Feed files (issue #16): POST /v1/admin/feeds creates a job and a pre-signed PUT; the upload
 * starts the import (on AWS the bucket's Object Created event, functions/queue/import-feed;
 * locally POST /v1/admin/feeds/{id}/start runs it in this process).
 *
 * The import streams the file — gunzipped on the fly when it starts with gzip's magic bytes —
 * through shared/feeds/stream.ts: rows are validated one by one (the inline import's
 * validateRow: zod in Chinese, USCC / ID checksums), duplicates merged (same subject, source
 * and period start: the later row wins and is counted in `merged`), facts and rejected rows
 * written by a BatchWriter (bounded lanes, per-key order, unprocessed items retried).
 *
 * Memory stays flat: one chunk, one record and the writer's bounded batches; the one thing
 * that grows is IdentitySet's 16 bytes per distinct row (off the heap), measured by
 * test/integration/feeds. Every `checkpointEvery` rows the writer is flushed and the job's
 * checkpoint (line, bytes, counts, rows/s) is written. After a crash the next start re-reads
 * the file up to the checkpoint only to rebuild the duplicate index — validating, neither
 * writing nor counting — and carries on from there: rows before the checkpoint are not
 * rewritten and no count doubles. Rows between the checkpoint and the crash are written
 * again, which changes nothing (a fact's key is its identity, a rejected row's its line).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FeedFormatError, FeedRowReader, LineSplitter } from '../../shared/feeds/stream';
import type { AdminActor } from '../../shared/actor';
import { invalidInput } from '../../shared/errors';
import {
  CreateFeedJobBody,
  formatOfFileName,
  MAX_FEED_BYTES,
  type CreatedFeedJob,
  type FeedJobId,
  type FeedJobView,
  type RejectedRowsFile,
} from '../../shared/schemas/feeds';
import { rejectedRowsCsv } from '../../shared/feeds/stream';
import { now as clockNow } from '../_lib/clock';
import { logger } from '../_lib/logger';
import { objectSize, openObject, presignFeedPut } from '../adapters/storage';
import { BatchWriter } from '../repositories/batch-writer';
import { factItem } from '../repositories/facts';
import {
  checkpointFeedJob,
  createFeedJob,
  failFeedJob,
  getFeedJob,
  isFeedJobLost,
  rejectedRowsOf,
  takeFeedJob,
  ZERO_COUNTS,
  type FeedJob,
} from '../repositories/feed-jobs';
import type { Item } from '../repositories/table';
import { FeedRows, MAX_STORED_REJECTED } from './feed-rows';

const EXPIRES_IN_SECONDS = 60 * 60;
export { MAX_STORED_REJECTED };
export const DEFAULT_CHECKPOINT_EVERY = 10_000;

/** Feed files live under the upload bucket's uploads/ prefix (the functions' s3 grant), apart from materials. */
export const FEED_KEY_PREFIX = 'uploads/feeds/';
export const feedKeyOf = (id: FeedJobId) => `${FEED_KEY_PREFIX}${id}`;
export const feedJobIdOfKey = (key: string): FeedJobId | undefined => {
  const m = /^uploads\/feeds\/(fjb_[0-9a-f]{32})$/.exec(key);
  return m?.[1];
};

export const viewOf = (job: FeedJob): FeedJobView => {
  const {
    key: _key,
    createdBy: _by,
    worker: _worker,
    header: _header,
    rangeBytes: _rangeBytes,
    dispatched: _dispatched,
    ...view
  } = job;
  return view;
};

export async function createFeedImport(
  actor: AdminActor,
  body: CreateFeedJobBody,
  now: Date,
): Promise<CreatedFeedJob> {
  const parsed = CreateFeedJobBody.parse(body);
  const id = `fjb_${randomUUID().replace(/-/g, '')}`;
  const job: FeedJob = {
    id,
    status: 'awaiting_upload',
    fileName: parsed.fileName,
    format: parsed.format ?? formatOfFileName(parsed.fileName),
    ...(parsed.feed ? { feed: parsed.feed } : {}),
    sizeBytes: parsed.sizeBytes,
    counts: ZERO_COUNTS,
    bytesRead: 0,
    checkpointLine: 0,
    rowsPerSecond: 0,
    createdAt: now.toISOString(),
    attempts: 0,
    key: feedKeyOf(id),
    createdBy: actor.userId,
  };
  await createFeedJob(job);
  const signed = await presignFeedPut({
    key: job.key,
    sizeBytes: parsed.sizeBytes,
    expiresInSeconds: EXPIRES_IN_SECONDS,
  });
  return {
    job: viewOf(job),
    upload: {
      method: 'PUT',
      url: signed.url,
      headers: signed.headers,
      expiresAt: new Date(now.getTime() + EXPIRES_IN_SECONDS * 1000).toISOString(),
    },
  };
}

/** The file must be there, at the size announced, before a job is started by hand. */
export async function assertUploaded(job: FeedJob): Promise<void> {
  const size = await objectSize(job.key);
  if (size === undefined)
    throw invalidInput('文件尚未上传完成，请上传后再开始导入', { reason: 'feed_not_uploaded' });
  if (size > MAX_FEED_BYTES) throw invalidInput('文件不能超过 1 GB', { reason: 'feed_too_large' });
}

/** Where the bytes come from and where the items go; tests replace them. */
export interface ImportIo {
  open(job: FeedJob): Promise<Readable>;
  /** defaults to a BatchWriter over the table */
  sink?: { put(item: Item): Promise<void>; flush(): Promise<void> };
  checkpointEvery?: number;
  lanes?: number;
  /** an id for this attempt (one per Lambda invocation) */
  worker?: string;
  clock?: () => Date;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** The file's bytes, gunzipped when they start with gzip's magic number. */
async function* bytesOf(input: Readable): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await iterator.next();
  if (first.done === true) return;
  const head = Buffer.from(first.value);
  const rest = Readable.from(
    (async function* () {
      yield head;
      for (let r = await iterator.next(); r.done !== true; r = await iterator.next())
        yield Buffer.from(r.value);
    })(),
  );
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const stream = gzip ? rest.pipe(createGunzip()) : rest;
  for await (const chunk of stream) yield chunk as Buffer;
}

/**
 * Runs (or resumes) the import of one job to its end. Returns the job as stored at the end;
 * throws when the file cannot be read or the store fails (the job is then `failed`, and the
 * next start resumes it), except when another worker took the job over: that one finishes it.
 */
export async function runFeedImport(id: FeedJobId, io: ImportIo): Promise<FeedJobView> {
  const clock = io.clock ?? clockNow;
  const worker = io.worker ?? `w_${randomUUID().slice(0, 8)}`;
  const job = await takeFeedJob(id, worker, clock().toISOString());
  if (job.status === 'done') return viewOf(job);
  const sink = io.sink ?? new BatchWriter(io.lanes ?? 8);
  const started = clock().getTime();
  const rowsAtStart = job.counts.rowsRead;

  const checkpoint = async (finish?: 'done') => {
    await sink.flush();
    const at = clock();
    const seconds = Math.max(0.001, (at.getTime() - started) / 1000);
    await checkpointFeedJob(
      id,
      worker,
      rows.checkpointLine,
      {
        line: rows.lastLine,
        bytesRead: rows.lastEnd,
        counts: rows.counts,
        rowsPerSecond: Math.round((rows.counts.rowsRead - rowsAtStart) / seconds),
        at: at.toISOString(),
      },
      finish,
    );
    rows.checkpointed();
  };

  const rows = new FeedRows({
    jobId: id,
    resume: { line: job.checkpointLine, bytesRead: job.bytesRead, counts: job.counts },
    sink,
    writeFact: (fact) => sink.put(factItem(fact)),
    recordedAt: new Date(started).toISOString(),
    every: io.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    onEvery: () => checkpoint(),
  });

  try {
    const splitter = new LineSplitter();
    const reader = new FeedRowReader(job.format);
    for await (const chunk of bytesOf(await io.open(job)))
      for (const row of reader.lines(splitter.push(chunk))) await rows.handle(row);
    for (const row of reader.lines(splitter.end())) await rows.handle(row);
    for (const row of reader.finish()) await rows.handle(row);
    await checkpoint('done');
  } catch (e) {
    if (isFeedJobLost(e)) {
      logger.info('feed job taken over by another worker', { jobId: id, worker });
      return viewOf(await getFeedJob(id));
    }
    const message =
      e instanceof FeedFormatError ? e.message : '读取或写入中断，可重新开始，将从断点继续';
    logger.error('feed import failed', {
      jobId: id,
      worker,
      line: rows.lastLine,
      error: String(e),
    });
    await failFeedJob(id, worker, message, clock().toISOString());
    throw e;
  }
  const done = await getFeedJob(id);
  logger.info('feed imported', { jobId: id, ...done.counts, rowsPerSecond: done.rowsPerSecond });
  return viewOf(done);
}

/** The import as the platform runs it: the file from object storage. */
export const runStoredFeedImport = (id: FeedJobId) =>
  runFeedImport(id, { open: (job) => openObject(job.key) });

/** GET /v1/admin/feeds/{id}/rejected */
export async function rejectedRowsFile(id: FeedJobId): Promise<RejectedRowsFile> {
  const job = await getFeedJob(id);
  const rows = await rejectedRowsOf(id, MAX_STORED_REJECTED);
  const base = job.fileName.replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
  return {
    fileName: `${base}-未通过校验的行.csv`,
    csv: rejectedRowsCsv(rows),
    rows: rows.length,
    rejected: job.counts.rejected,
  };
}
