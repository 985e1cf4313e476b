/**
 * Feed import jobs (issue #16). The only code that knows their keys.
 *
 *   PK `FEED#<id>`  SK `JOB`              the job: file, status, counts, checkpoint, worker
 *   PK `FEED#<id>`  SK `REJ#<line, 10 digits>`  one rejected row: line, Chinese reasons, raw text
 *
 * The counts are written whole, never ADDed, and only by a checkpoint conditioned on the line
 * the previous checkpoint reached and on the worker that holds the job: a resumed job starts
 * from the stored counts, and a worker that lost the job (another took it over after a crash
 * or a retry) fails its next checkpoint and stops. So a row is counted once however often the
 * job is restarted. Rejected rows are keyed by line: rewriting one rewrites it with itself.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { FeedCounts, FeedJobId, FeedJobView } from '../../shared/schemas/feeds';
import { db, tableName, type Item } from './table';

const jobKey = (id: FeedJobId) => ({ PK: `FEED#${id}`, SK: 'JOB' });
const rejectedSk = (line: number) => `REJ#${String(line).padStart(10, '0')}`;

export interface FeedJob extends FeedJobView {
  /** object key of the uploaded file */
  key: string;
  createdBy: string;
  /** the worker holding the job; a checkpoint by any other fails */
  worker?: string;
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
 * Takes the job for `worker` unless it is done: a first start, a resume after a crash (the
 * previous worker's status still `running`) or after a failure. The checkpoint and counts
 * stay as they are; the worker continues from them.
 */
export async function takeFeedJob(id: FeedJobId, worker: string, at: string): Promise<FeedJob> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression:
          'SET #s = :running, worker = :w, updatedAt = :at, startedAt = if_not_exists(startedAt, :at), attempts = attempts + :one REMOVE #e',
        ConditionExpression: 'attribute_exists(PK) AND #s <> :done',
        ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
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
    return jobOf(Attributes ?? {});
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    const job = await getFeedJob(id);
    return job; // done: nothing to take
  }
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
