/**
 * Feed import jobs (issue #16). The only code that knows their keys.
 *
 *   PK `FEED#<id>`  SK `JOB`              the job: file, status, counts, checkpoint, worker
 *   PK `FEED#<id>`  SK `REJ#<line, 10 digits>`  one rejected row: line, Chinese reasons, raw text
 *   PK `FEED#<id>`  SK `RANGE#<index, 5 digits>` one byte range of a fanned-out job: its span,
 *                   first line, status, worker, checkpoint and counts (the range's own)
 *
 * The counts are written whole, never ADDed, and only by a checkpoint conditioned on the line
 * the previous checkpoint reached and on the worker that holds the job: a resumed job starts
 * from the stored counts, and a worker that lost the job (another took it over after a crash
 * or a retry) fails its next checkpoint and stops. So a row is counted once however often the
 * job is restarted. Rejected rows are keyed by line: rewriting one rewrites it with itself.
 *
 * A fanned-out job (a plain file larger than one range, functions/services/feed-fanout.ts)
 * is planned once (`ranges` set by a conditional write) and its ranges are worked
 * independently. A range's checkpoint is one transaction: the range's own checkpoint,
 * conditioned like the job's (its worker, the line it reached), and the job's counts moved
 * by the rows since the previous checkpoint (SET counts.x = counts.x + Δ); the range's last
 * checkpoint marks it done and adds 1 to `rangesDone` in the same transaction. So a
 * redelivered or taken-over range adds nothing twice, and the job shows progress as it goes.
 * The range that brings `rangesDone` to `ranges` completes the job (conditional, once).
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { FeedRange } from '../../shared/feeds/plan';
import { DomainError, notFound } from '../../shared/errors';
import type { FeedCounts, FeedJobId, FeedJobView } from '../../shared/schemas/feeds';
import { db, tableName, type Item, type Key } from './table';

const jobKey = (id: FeedJobId) => ({ PK: `FEED#${id}`, SK: 'JOB' });
const rejectedSk = (line: number) => `REJ#${String(line).padStart(10, '0')}`;
const rangeKey = (id: FeedJobId, index: number) => ({
  PK: `FEED#${id}`,
  SK: `RANGE#${String(index).padStart(5, '0')}`,
});

export interface FeedJob extends FeedJobView {
  /** object key of the uploaded file */
  key: string;
  createdBy: string;
  /** the worker holding the job; a checkpoint by any other fails */
  worker?: string;
  /** a fanned-out job: the range size it was planned with */
  rangeBytes?: number;
  /** a fanned-out CSV job: the header every range after the first reads first */
  header?: string;
  /** a fanned-out job on AWS: every range's message was sent (a second upload event changes nothing) */
  dispatched?: boolean;
}

export const ZERO_COUNTS: FeedCounts = { rowsRead: 0, accepted: 0, rejected: 0, merged: 0 };

function jobOf(item: Item): FeedJob {
  const { PK: _pk, SK: _sk, kind: _kind, ...rest } = item;
  return rest as unknown as FeedJob;
}

export async function createFeedJob(job: FeedJob): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...jobKey(job.id), kind: 'feed-job', ...job },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function findFeedJob(id: FeedJobId): Promise<FeedJob | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: jobKey(id), ConsistentRead: true }),
  );
  return Item ? jobOf(Item) : undefined;
}

export async function getFeedJob(id: FeedJobId): Promise<FeedJob> {
  const job = await findFeedJob(id);
  if (!job) throw notFound('导入任务');
  return job;
}

/** A worker lost the job to another (or it is finished): it must stop without writing counts. */
export const FEED_JOB_LOST = 'feed_job_lost';
const lost = () =>
  new DomainError('CONFLICT', '该导入任务已由其他进程接手或已结束', { reason: FEED_JOB_LOST });
export const isFeedJobLost = (e: unknown) =>
  e instanceof DomainError &&
  (e.details as { reason?: string } | undefined)?.reason === FEED_JOB_LOST;

const isConditionFailed = (e: unknown) =>
  (e as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * Takes a job or a range for `worker` unless it is done: running, held by `worker`, one
 * attempt more, and whatever `more` sets besides (its expression goes after the SET list).
 * Returns the item as it stands after: taken, or done and read back as it is (undefined:
 * there is none).
 */
async function takeItem(
  key: Key,
  worker: string,
  at: string,
  more: { expression?: string; names?: Record<string, string> } = {},
): Promise<Item | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET #s = :running, worker = :w, updatedAt = :at, attempts = attempts + :one${
          more.expression ?? ''
        }`,
        ConditionExpression: 'attribute_exists(PK) AND #s <> :done',
        ExpressionAttributeNames: { '#s': 'status', ...more.names },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':done': 'done',
          ':w': worker,
          ':at': at,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ?? {};
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    return Item;
  }
}

/**
 * Takes the job for `worker` unless it is done: a first start, a resume after a crash (the
 * previous worker's status still `running`) or after a failure. The checkpoint and counts
 * stay as they are; the worker continues from them.
 */
export async function takeFeedJob(id: FeedJobId, worker: string, at: string): Promise<FeedJob> {
  const item = await takeItem(jobKey(id), worker, at, {
    expression: ', startedAt = if_not_exists(startedAt, :at) REMOVE #e',
    names: { '#e': 'error' },
  });
  if (!item) throw notFound('导入任务');
  return jobOf(item); // taken, or done (nothing to take)
}

export interface Checkpoint {
  line: number;
  bytesRead: number;
  counts: FeedCounts;
  rowsPerSecond: number;
  at: string;
}

/** Advances the checkpoint from `fromLine`; fails (FEED_JOB_LOST) if another worker holds the job or moved it. */
export async function checkpointFeedJob(
  id: FeedJobId,
  worker: string,
  fromLine: number,
  c: Checkpoint,
  finish?: 'done',
): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression: `SET checkpointLine = :line, bytesRead = :bytes, counts = :counts, rowsPerSecond = :rps, updatedAt = :at${
          finish ? ', #s = :done, finishedAt = :at' : ''
        }`,
        ConditionExpression: '#s = :running AND worker = :w AND checkpointLine = :from',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':line': c.line,
          ':bytes': c.bytesRead,
          ':counts': c.counts,
          ':rps': c.rowsPerSecond,
          ':at': c.at,
          ':running': 'running',
          ':w': worker,
          ':from': fromLine,
          ...(finish ? { ':done': 'done' } : {}),
        },
      }),
    );
  } catch (e) {
    if (isConditionFailed(e)) throw lost();
    throw e;
  }
}

/** Marks the job failed (best effort, by its own worker): a later start resumes it from its checkpoint. */
export async function failFeedJob(
  id: FeedJobId,
  worker: string,
  error: string,
  at: string,
): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression: 'SET #s = :failed, #e = :error, updatedAt = :at',
        ConditionExpression: '#s = :running AND worker = :w',
        ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':error': error,
          ':at': at,
          ':running': 'running',
          ':w': worker,
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
}

export interface RejectedRowRecord {
  line: number;
  reasons: string[];
  raw: string;
}

/** The item of one rejected row, for the job's batch writer. */
export const rejectedRowItem = (id: FeedJobId, r: RejectedRowRecord): Item => ({
  PK: jobKey(id).PK,
  SK: rejectedSk(r.line),
  kind: 'feed-rejected-row',
  line: r.line,
  reasons: r.reasons,
  raw: r.raw,
});

/** The stored rejected rows in line order, at most `limit`. */
export async function rejectedRowsOf(id: FeedJobId, limit: number): Promise<RejectedRowRecord[]> {
  const rows: RejectedRowRecord[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :rej)',
        ExpressionAttributeValues: { ':pk': jobKey(id).PK, ':rej': 'REJ#' },
        ExclusiveStartKey: startKey,
        Limit: Math.min(1000, limit - rows.length),
      }),
    );
    for (const i of page.Items ?? [])
      rows.push({ line: Number(i.line), reasons: i.reasons as string[], raw: String(i.raw ?? '') });
    startKey = page.LastEvaluatedKey;
  } while (startKey && rows.length < limit);
  return rows;
}

// ——— fanned-out jobs (byte ranges) ———

export type FeedRangeStatus = 'pending' | 'running' | 'done';

export interface FeedRangeRecord extends FeedRange {
  status: FeedRangeStatus;
  worker?: string;
  attempts: number;
  /** the last row line the range's checkpoint covers (0: none yet) */
  checkpointLine: number;
  /** the byte offset (in the file) just after that row; `start` before any */
  bytesRead: number;
  /** this range's own counts (added to the job's at each checkpoint) */
  counts: FeedCounts;
  updatedAt?: string;
}

const rangeOf = (item: Item): FeedRangeRecord => {
  const { PK: _pk, SK: _sk, kind: _kind, ...rest } = item;
  return rest as unknown as FeedRangeRecord;
};

/** Writes the plan's range records; a record already there (a planner run again) is kept as it is. */
export async function putFeedRanges(id: FeedJobId, ranges: readonly FeedRange[]): Promise<void> {
  for (const r of ranges) {
    const record: FeedRangeRecord = {
      ...r,
      status: 'pending',
      attempts: 0,
      checkpointLine: 0,
      bytesRead: r.start,
      counts: ZERO_COUNTS,
    };
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...rangeKey(id, r.index), kind: 'feed-range', ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }
}

export async function feedRangesOf(id: FeedJobId): Promise<FeedRangeRecord[]> {
  const out: FeedRangeRecord[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
        ExpressionAttributeValues: { ':pk': jobKey(id).PK, ':r': 'RANGE#' },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    out.push(...(page.Items ?? []).map(rangeOf));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/**
 * Saves the plan on the job (once): `ranges` and the job running. False when the job was
 * planned already, is done, or was started sequentially (it then goes on that way).
 */
export async function planFeedJob(
  id: FeedJobId,
  plan: { ranges: number; rangeBytes: number; header: string },
  at: string,
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression:
          'SET #s = :running, ranges = :n, rangesDone = :zero, rangeBytes = :rb, header = :h, updatedAt = :at, startedAt = if_not_exists(startedAt, :at), attempts = attempts + :one REMOVE #e',
        ConditionExpression:
          'attribute_exists(PK) AND attribute_not_exists(ranges) AND #s <> :done AND checkpointLine = :zero',
        ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':done': 'done',
          ':n': plan.ranges,
          ':zero': 0,
          ':rb': plan.rangeBytes,
          ':h': plan.header,
          ':at': at,
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailed(e)) return false;
    throw e;
  }
}

/** A planned job started again (after a failed range, locally): running again, one attempt more. */
export async function restartFeedJob(id: FeedJobId, at: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression:
          'SET #s = :running, updatedAt = :at, attempts = attempts + :one REMOVE #e',
        ConditionExpression: 'attribute_exists(ranges) AND #s = :failed',
        ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':failed': 'failed',
          ':at': at,
          ':one': 1,
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
}

export async function markFeedJobDispatched(id: FeedJobId): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: jobKey(id),
      UpdateExpression: 'SET dispatched = :t',
      ConditionExpression: 'attribute_exists(ranges)',
      ExpressionAttributeValues: { ':t': true },
    }),
  );
}

/** Takes a range for `worker` unless it is done (then returns it as it is). */
export async function takeFeedRange(
  id: FeedJobId,
  index: number,
  worker: string,
  at: string,
): Promise<FeedRangeRecord> {
  const item = await takeItem(rangeKey(id, index), worker, at);
  if (!item) throw notFound('导入分段');
  return rangeOf(item);
}

export interface RangeCheckpoint {
  line: number;
  bytesRead: number;
  /** the range's counts so far */
  counts: FeedCounts;
  /** what changed since the previous checkpoint: added to the job's */
  delta: { counts: FeedCounts; bytes: number };
  at: string;
}

/**
 * Advances a range's checkpoint from `fromLine` and adds the rows since to the job, in one
 * transaction; `finish` also marks the range done and counts it in `rangesDone`. Fails
 * (FEED_JOB_LOST) if another worker holds the range or moved it, or it is done.
 */
export async function checkpointFeedRange(
  id: FeedJobId,
  index: number,
  worker: string,
  fromLine: number,
  c: RangeCheckpoint,
  finish?: 'done',
): Promise<void> {
  const d = c.delta.counts;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: rangeKey(id, index),
              UpdateExpression: `SET checkpointLine = :line, bytesRead = :bytes, counts = :counts, updatedAt = :at${
                finish ? ', #s = :done' : ''
              }`,
              ConditionExpression: '#s = :running AND worker = :w AND checkpointLine = :from',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':line': c.line,
                ':bytes': c.bytesRead,
                ':counts': c.counts,
                ':at': c.at,
                ':running': 'running',
                ':w': worker,
                ':from': fromLine,
                ...(finish ? { ':done': 'done' } : {}),
              },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: jobKey(id),
              UpdateExpression: `SET counts.rowsRead = counts.rowsRead + :r, counts.accepted = counts.accepted + :a, counts.rejected = counts.rejected + :j, counts.merged = counts.merged + :m, bytesRead = bytesRead + :b, updatedAt = :at${
                finish ? ', rangesDone = rangesDone + :one' : ''
              }`,
              ConditionExpression: 'attribute_exists(ranges)',
              ExpressionAttributeValues: {
                ':r': d.rowsRead,
                ':a': d.accepted,
                ':j': d.rejected,
                ':m': d.merged,
                ':b': c.delta.bytes,
                ':at': c.at,
                ...(finish ? { ':one': 1 } : {}),
              },
            },
          },
        ],
      }),
    );
  } catch (e) {
    // the range's condition failed: another worker holds it, moved it, or it is done. A
    // TransactionConflict (another range's checkpoint on the job at the same moment) is
    // rethrown as it is, for the caller to retry.
    if ((e as Error | undefined)?.name === 'TransactionCanceledException') {
      const reasons =
        (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons.length === 0 || reasons[0]?.Code === 'ConditionalCheckFailed') throw lost();
    }
    throw e;
  }
}

/**
 * A running fanned-out job's rows/s, written after a range's checkpoint so the admin page shows
 * the speed while it runs (issue #16): `rate` from the job's rows read as loaded. Conditional
 * on those rows still being the job's (no other range checkpointed since: that one writes a
 * fresher rate) and on the job still running (completion writes the final rate). False when
 * the condition failed.
 */
export async function setFeedJobRate(
  id: FeedJobId,
  c: { rowsRead: number; rowsPerSecond: number },
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression: 'SET rowsPerSecond = :rps',
        ConditionExpression: '#s = :running AND counts.rowsRead = :read',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':rps': c.rowsPerSecond,
          ':running': 'running',
          ':read': c.rowsRead,
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailed(e)) return false;
    throw e;
  }
}

/**
 * Completes a fanned-out job once every range is done: status done, the last row's line,
 * the job's rows/s. False when some range is not done yet, or the job is already done.
 */
export async function completeFeedJob(
  id: FeedJobId,
  c: { checkpointLine: number; rowsPerSecond: number; at: string },
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression:
          'SET #s = :done, finishedAt = :at, updatedAt = :at, checkpointLine = :line, rowsPerSecond = :rps REMOVE #e',
        ConditionExpression: 'attribute_exists(ranges) AND rangesDone = ranges AND #s <> :done',
        ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':at': c.at,
          ':line': c.checkpointLine,
          ':rps': c.rowsPerSecond,
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailed(e)) return false;
    throw e;
  }
}

/** A range failed: the job shows it (failed, with the message) until a range moves it on. */
export async function failFannedOutFeedJob(
  id: FeedJobId,
  error: string,
  at: string,
): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression: 'SET #s = :failed, #e = :error, updatedAt = :at',
        ConditionExpression: 'attribute_exists(ranges) AND #s = :running',
        ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':error': error,
          ':at': at,
          ':running': 'running',
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
}
