/**
 * Auto-grant runs (免申即享 批次) and their per-segment checkpoints. The only code that knows their keys.
 *
 *   PK `RUN#<id>`  SK `RUN`         the run: parameters, status, totals (numeric attributes, ADDed to)
 *   PK `RUN#<id>`  SK `SEG#<0000>`  one checkpoint per parallel-scan segment: the scan cursor to
 *                                   resume from, pages done, the segment's own totals, done or not
 *
 * A page's totals are added to its segment in the same conditional write that advances the
 * segment's checkpoint, conditioned on the page number it started from: a page is counted
 * once even if two workers (an SQS redelivery, a restarted run) race over the same segment —
 * the loser's checkpoint fails and it stops. The run's totals are the sum of its segments'.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { RunId } from '../../shared/ids';
import type { RunStatus, RunTotals } from '../../shared/schemas/admin';
import type { ScanCursor } from './facts';
import { db, queryAll, tableName } from './table';

const runKey = (id: RunId) => ({ PK: `RUN#${id}`, SK: 'RUN' });
const segKey = (id: RunId, segment: number) => ({
  PK: `RUN#${id}`,
  SK: `SEG#${String(segment).padStart(4, '0')}`,
});

export const COUNTERS = [
  'subjectsScanned',
  'evaluations',
  'grantsCreated',
  'grantedFen',
  'errors',
] as const;
export type Counter = (typeof COUNTERS)[number];

export interface RunRecord {
  id: RunId;
  asOf: string;
  policyIds: string[];
  totalSegments: number;
  status: RunStatus;
  dispatch: 'in-process' | 'queue';
  startedAt: string;
  finishedAt?: string;
  segmentsDone: number;
  totals: RunTotals;
  lastErrors: string[];
  /** a 政策沙盘 run (functions/services/sandbox.ts): the version it tries; it writes no grants */
  sandbox?: { policyId: string; version: number; baselineVersion?: number };
  /** a population count (functions/services/population.ts): the versions it counts, each as of its date */
  population?: { targets: { policyId: string; version: number; asOf: string }[] };
  /** free-form counters a page adds (`Delta.tallies`), summed over segments */
  tallies: Record<string, number>;
}

export interface SegmentCheckpoint {
  segment: number;
  done: boolean;
  pages: number;
  cursor?: ScanCursor;
}

/** A page's contribution: counters plus skip reasons. */
export interface Delta {
  counters: Partial<Record<Counter, number>>;
  skipped: Record<string, number>;
  /** other counters (the sandbox's), stored as `t_<key>` and read back in `tallies` */
  tallies?: Record<string, number>;
}

function runOf(item: Record<string, unknown>): RunRecord {
  const n = (k: string) => Number(item[k] ?? 0);
  const skipped: Record<string, number> = {};
  const tallies: Record<string, number> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k.startsWith('skipped_')) skipped[k.slice(8)] = Number(v);
    else if (k.startsWith('t_')) tallies[k.slice(2)] = Number(v);
  }
  return {
    id: item.id as RunId,
    asOf: item.asOf as string,
    policyIds: item.policyIds as string[],
    totalSegments: n('totalSegments'),
    status: item.status as RunStatus,
    dispatch: item.dispatch as RunRecord['dispatch'],
    startedAt: item.startedAt as string,
    finishedAt: item.finishedAt as string | undefined,
    segmentsDone: n('segmentsDone'),
    totals: {
      subjectsScanned: n('subjectsScanned'),
      evaluations: n('evaluations'),
      grantsCreated: n('grantsCreated'),
      grantedFen: n('grantedFen'),
      errors: n('errors'),
      skipped,
    },
    lastErrors: (item.lastErrors as string[] | undefined) ?? [],
    ...(item.sandbox === undefined ? {} : { sandbox: item.sandbox as RunRecord['sandbox'] }),
    ...(item.population === undefined
      ? {}
      : { population: item.population as RunRecord['population'] }),
    tallies,
  };
}

/** Segment records written at once when a run is created (each keeps its own condition). */
const SEGMENT_WRITES_IN_FLIGHT = 16;

/**
 * Creates the run once; 'existed' when it is already there (a rerun resumes it). Segments are
 * created idempotently too, and always as many as the STORED run has: a keyed retry naming
 * another count (or sized again from a grown index) must not add segments its scan lacks.
 */
export async function createRun(
  r: Omit<
    RunRecord,
    'segmentsDone' | 'totals' | 'lastErrors' | 'status' | 'finishedAt' | 'tallies'
  >,
): Promise<'created' | 'existed'> {
  let outcome: 'created' | 'existed' = 'created';
  let totalSegments = r.totalSegments;
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...runKey(r.id),
          kind: 'run',
          ...r,
          status: 'running',
          segmentsDone: 0,
          lastErrors: [],
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
    outcome = 'existed';
    totalSegments = await storedSegments(r.id);
  }
  // Written after the run and each only if absent: a crash in between is repaired by the next call.
  const segments = Array.from({ length: totalSegments }, (_, s) => s);
  for (let i = 0; i < segments.length; i += SEGMENT_WRITES_IN_FLIGHT) {
    await Promise.all(
      segments.slice(i, i + SEGMENT_WRITES_IN_FLIGHT).map((s) => createSegment(r.id, s)),
    );
  }
  return outcome;
}

async function storedSegments(id: RunId): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: runKey(id),
      ProjectionExpression: 'totalSegments',
      ConsistentRead: true,
    }),
  );
  return Number(Item?.totalSegments ?? 0);
}

async function createSegment(id: RunId, segment: number): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...segKey(id, segment), kind: 'run-segment', segment, done: false, pages: 0 },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
}

export async function findRun(id: RunId): Promise<RunRecord | undefined> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': runKey(id).PK },
    ConsistentRead: true,
  });
  const head = items.find((i) => i.SK === 'RUN');
  if (!head) return undefined;
  const segments = items.filter((i) => String(i.SK).startsWith('SEG#'));
  const summed: Record<string, unknown> = {
    ...head,
    segmentsDone: segments.filter((x) => x.done === true).length,
  };
  for (const seg of segments) {
    for (const [k, v] of Object.entries(seg)) {
      if (
        typeof v === 'number' &&
        (k.startsWith('skipped_') ||
          k.startsWith('t_') ||
          (COUNTERS as readonly string[]).includes(k))
      )
        summed[k] = Number(summed[k] ?? 0) + v;
    }
  }
  return runOf(summed);
}

export async function getRun(id: RunId): Promise<RunRecord> {
  const r = await findRun(id);
  if (!r) throw notFound('批次');
  return r;
}

export async function segmentsOf(id: RunId): Promise<SegmentCheckpoint[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :seg)',
    ExpressionAttributeValues: { ':pk': runKey(id).PK, ':seg': 'SEG#' },
    ConsistentRead: true,
  });
  return items.map((i) => ({
    segment: Number(i.segment),
    done: i.done === true,
    pages: Number(i.pages ?? 0),
    cursor: i.cursor as ScanCursor | undefined,
  }));
}

export async function getSegment(
  id: RunId,
  segment: number,
): Promise<SegmentCheckpoint | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: segKey(id, segment), ConsistentRead: true }),
  );
  return Item
    ? {
        segment,
        done: Item.done === true,
        pages: Number(Item.pages ?? 0),
        cursor: Item.cursor as ScanCursor | undefined,
      }
    : undefined;
}

/** Lost the race for a segment: another worker checkpointed this page first. */
export const CHECKPOINT_LOST = 'CHECKPOINT_LOST';
export const checkpointLost = () =>
  new DomainError('WRONG_STATE', '该分段已由其他任务推进', { reason: CHECKPOINT_LOST });
export const isCheckpointLost = (e: unknown) =>
  e instanceof DomainError &&
  (e.details as { reason?: string } | undefined)?.reason === CHECKPOINT_LOST;

/**
 * Advances a segment past one page and adds the page's totals to the segment's own
 * counters — one conditional UpdateItem, only if the segment is still at `fromPage` and not
 * done. Run totals are the sum over segments (read with the run), so a thousand segments
 * never contend on one run item.
 */
export async function checkpoint(
  id: RunId,
  segment: number,
  fromPage: number,
  next: ScanCursor | undefined,
  delta: Delta,
): Promise<void> {
  const done = next === undefined;
  const names: Record<string, string> = { '#p': 'pages', '#d': 'done', '#c': 'cursor' };
  const values: Record<string, unknown> = {
    ':next': fromPage + 1,
    ':from': fromPage,
    ':false': false,
  };
  const adds: string[] = [];
  let i = 0;
  const add = (attr: string, n: number) => {
    if (!n) return;
    names[`#a${i}`] = attr;
    values[`:a${i}`] = n;
    adds.push(`#a${i} :a${i}`);
    i++;
  };
  for (const [k, v] of Object.entries(delta.counters) as [string, number | undefined][])
    add(k, v ?? 0);
  for (const [k, v] of Object.entries(delta.skipped)) add(`skipped_${k}`, v);
  for (const [k, v] of Object.entries(delta.tallies ?? {})) add(`t_${k}`, v);
  if (done) values[':true'] = true;
  else values[':cursor'] = next;
  const set = done ? 'SET #p = :next, #d = :true REMOVE #c' : 'SET #p = :next, #c = :cursor';
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: segKey(id, segment),
        UpdateExpression: adds.length > 0 ? `${set} ADD ${adds.join(', ')}` : set,
        ConditionExpression: '#p = :from AND #d = :false',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') throw checkpointLost();
    throw e;
  }
}

/** running → completed once every segment is done (idempotent; a second caller changes nothing). */
export async function completeIfDone(id: RunId, at: string): Promise<RunRecord | undefined> {
  const run = await findRun(id);
  if (!run || run.status !== 'running' || run.segmentsDone < run.totalSegments) return run;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: runKey(id),
        UpdateExpression: 'SET #s = :completed, finishedAt = :at',
        ConditionExpression: '#s = :running',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':completed': 'completed', ':running': 'running', ':at': at },
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
  return findRun(id);
}

/** Keeps the last few error messages on the run (already masked by the caller). */
export async function noteErrors(id: RunId, messages: readonly string[]): Promise<void> {
  if (messages.length === 0) return;
  const run = await findRun(id);
  const kept = [...(run?.lastErrors ?? []), ...messages].slice(-10);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: runKey(id),
      UpdateExpression: 'SET lastErrors = :e',
      ExpressionAttributeValues: { ':e': kept },
    }),
  );
}
