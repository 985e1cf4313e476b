/**
 * Facts live in their subject's partition (`SUBJ#<id>`, `FACT#<source>#<from>`), so one
 * Query returns everything the rules need about a subject. The current records (only they)
 * also carry `factPk`/`factSk`, the keys of the sparse index `currentFacts` (the same values
 * as PK/SK): a run's parallel Scan of that index walks the whole subject space reading the
 * current facts and nothing else — not the version records beside them, not the grants,
 * applications or claims of the table (issue 16).
 * The key is the fact's identity (subject, source, period start): re-importing the same
 * feed overwrites each record with itself and changes nothing.
 *
 * History (issue 14): beside the current record, every write keeps an immutable version
 * record, `FACTV#<source>#<from>#<digest>` (digest = SHA-256 of the record's canonical JSON),
 * with the import it came from. A corrected feed replaces the current record but adds a new
 * version: the old value, its period and its import id are never lost, and what an
 * application or grant froze (shared/facts/frozen.ts) can always be read back.
 */
import { createHash } from 'node:crypto';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { canonicalJson, Fact, type FrozenFactRef } from '../../shared/facts';
import type { SubjectId } from '../../shared/ids';
import { subjectIdOf, subjectPk } from './subjects';
import { batchGetChunks, db, queryAll, tableName } from './table';

const factSk = (f: Fact) => `FACT#${f.source}#${f.period.from}`;
const versionSk = (r: Pick<FrozenFactRef, 'source' | 'from' | 'digest'>) =>
  `FACTV#${r.source}#${r.from}#${r.digest}`;
const BATCH = 25; // BatchWriteItem's limit
const MAX_ATTEMPTS = 8; // per batch, for items DynamoDB returns unprocessed (throttling)

/** hex SHA-256 of the fact's canonical JSON: the name of its version record. */
export const factDigest = (f: Fact): string =>
  createHash('sha256').update(canonicalJson(f)).digest('hex');

export function factItem(f: Fact) {
  const subjectId = subjectIdOf(f.subjectId);
  const key = { PK: subjectPk(subjectId), SK: factSk(f) };
  // factPk/factSk: the sparse currentFacts index (version records never carry them)
  return { ...key, factPk: key.PK, factSk: key.SK, kind: 'fact', subjectId, fact: f };
}

/**
 * A fact from one row of a fanned-out feed job (issue #16: ranges of one file are written
 * concurrently, in any order). The current record carries the job and the row's line
 * (`feedJob`, `feedLine`) and is replaced only by a LATER line of the same job, so the later
 * row wins whatever order the ranges finish in; a record from another job (or none) is
 * replaced as a plain put would. `feedArrival` is the line of the job's first write to the
 * record and never changes within the job.
 *
 * Returns the row's share of `merged` across ranges: within a range its IdentitySet counts
 * the repeats, so only a range's FIRST row of an identity (`first`) can add one, and it does
 * unless it is the job's first arrival. Over the k ranges holding an identity that adds
 * exactly k − 1, in any order; and it is a pure function of the stored arrival, so a row
 * written again (a redelivered or resumed range) gets the same answer.
 */
export async function putFeedFact(
  f: Fact,
  row: { jobId: string; line: number; first: boolean },
): Promise<0 | 1> {
  const { PK, SK, ...attributes } = factItem(f);
  const key = { PK, SK };
  // every attribute the plain put writes (the currentFacts index keys included), by name
  const names = Object.fromEntries(Object.keys(attributes).map((a, i) => [`#a${String(i)}`, a]));
  const values: Record<string, unknown> = { ':job': row.jobId, ':line': row.line };
  Object.values(attributes).forEach((v, i) => (values[`:a${String(i)}`] = v));
  const set = `SET ${Object.keys(names)
    .map((n) => `${n} = :${n.slice(1)}`)
    .join(', ')}, feedJob = :job, feedLine = :line`;
  let old: Record<string, unknown> | undefined;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `${set}, feedArrival = :line`,
        ConditionExpression: 'attribute_not_exists(feedJob) OR feedJob <> :job',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 0; // the job's first write of this record
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    old = e.Item;
  }
  const stored = await feedMarksOf(key, old);
  const share = row.first && stored.arrival !== row.line ? 1 : 0;
  if (stored.line >= row.line) return share; // a later row (or this one, again) is stored
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: set,
        ConditionExpression: 'feedJob = :job AND feedLine < :line',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e; // a later row got there first
  }
  return share;
}

/** The feed marks of a record, from a condition failure's old item or (if it has none) a read. */
async function feedMarksOf(
  key: { PK: string; SK: string },
  raw: Record<string, unknown> | undefined,
): Promise<{ arrival: number; line: number }> {
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'object' && v && 'N' in v ? Number(v.N) : undefined;
  let arrival = num(raw?.feedArrival);
  let line = num(raw?.feedLine);
  if (arrival === undefined || line === undefined) {
    const { Item } = await db().send(
      new GetCommand({
        TableName: tableName(),
        Key: key,
        ConsistentRead: true,
        ProjectionExpression: 'feedArrival, feedLine',
      }),
    );
    arrival = num(Item?.feedArrival) ?? 0;
    line = num(Item?.feedLine) ?? 0;
  }
  return { arrival, line };
}

/** Where a version came from: the import (feed) id and when it was written. */
export interface FactProvenance {
  importId: string;
  recordedAt: string;
}

/** A fact's immutable version record (its key names its content). */
export function factVersionItem(f: Fact, p: FactProvenance) {
  const subjectId = subjectIdOf(f.subjectId);
  const digest = factDigest(f);
  return {
    PK: subjectPk(subjectId),
    SK: versionSk({ source: f.source, from: f.period.from, digest }),
    kind: 'fact_version',
    subjectId,
    digest,
    fact: f,
    ...p,
  };
}

export interface FactVersion extends FactProvenance {
  fact: Fact;
  digest: string;
}

/** A write of many facts stopped part-way: `written` of `total` are stored (each under its own key). */
export class FactsWriteInterrupted extends Error {
  constructor(
    readonly written: number,
    readonly total: number,
    cause: unknown,
  ) {
    super(`facts write interrupted after ${written} of ${total}`, { cause });
    this.name = 'FactsWriteInterrupted';
  }
}

/**
 * Writes facts 25 at a time, resending whatever DynamoDB returns as unprocessed (up to 8
 * times per batch). Not atomic: BatchWriteItem is not a transaction and a feed may exceed
 * one. It is idempotent instead: each fact's key is its identity, so writing the same facts
 * again finishes an interrupted write and rewrites the rest with themselves. An
 * interruption throws FactsWriteInterrupted with how many were stored. Callers pass facts
 * with distinct identities (a batch with two puts of one key is refused by DynamoDB).
 */
export async function putFacts(
  facts: readonly Fact[],
  provenance: FactProvenance = { importId: 'direct', recordedAt: new Date().toISOString() },
): Promise<void> {
  let written = 0;
  const half = Math.floor(BATCH / 2); // each fact is two items: the current record and its version
  try {
    for (let i = 0; i < facts.length; i += half) {
      const slice = facts.slice(i, i + half);
      let requests = slice.flatMap((f) => [
        { PutRequest: { Item: factVersionItem(f, provenance) } },
        { PutRequest: { Item: factItem(f) } },
      ]);
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === MAX_ATTEMPTS)
          throw new Error(
            `${requests.length} facts stayed unprocessed after ${MAX_ATTEMPTS} attempts`,
          );
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        // a fact counts as written once its current record is
        const currents = (rs: typeof requests) =>
          rs.filter((r) => r.PutRequest.Item.kind === 'fact').length;
        const sent = currents(requests);
        const out = await db().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
        );
        requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
        written += sent - currents(requests);
      }
    }
  } catch (e) {
    throw new FactsWriteInterrupted(written, facts.length, e);
  }
}

export async function factsOf(subjectId: SubjectId): Promise<Fact[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fact)',
    ExpressionAttributeValues: { ':pk': subjectPk(subjectId), ':fact': 'FACT#' },
  });
  return items.map((item) => Fact.parse(item.fact));
}

/**
 * A subject's current facts and which of them already have their version record, from one
 * Query: the version records (`FACTV#`) sort right after the current ones (`FACT#`), so the
 * range `FACT…` holds both. A submission freezes facts by version and needs to know which
 * exist; asking with one conditional put per fact cost each POST two calls (issue 16).
 * The subject's whole history is read, a few items per fact and correction.
 */
export async function factsWithVersionsOf(
  subjectId: SubjectId,
): Promise<{ facts: Fact[]; versioned: (f: Fact) => boolean }> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fact)',
    ExpressionAttributeValues: { ':pk': subjectPk(subjectId), ':fact': 'FACT' },
  });
  // by key, as factsOf and factHistoryOf select them
  const sk = (i: (typeof items)[number]) => i.SK as string;
  const versions = new Set(items.map(sk).filter((k) => k.startsWith('FACTV#')));
  return {
    facts: items.filter((i) => sk(i).startsWith('FACT#')).map((i) => Fact.parse(i.fact)),
    versioned: (f) =>
      versions.has(versionSk({ source: f.source, from: f.period.from, digest: factDigest(f) })),
  };
}

/** Every version ever written of a subject's facts (corrections kept), by source, period, digest. */
export async function factHistoryOf(subjectId: SubjectId): Promise<FactVersion[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
    ExpressionAttributeValues: { ':pk': subjectPk(subjectId), ':v': 'FACTV#' },
  });
  return items.map((i) => ({
    fact: Fact.parse(i.fact),
    digest: i.digest as string,
    importId: i.importId as string,
    recordedAt: i.recordedAt as string,
  }));
}

/** The version records a freeze names, in its order; a missing one is an error (versions are never deleted). */
export async function factVersionsOf(
  subjectId: SubjectId,
  refs: readonly FrozenFactRef[],
): Promise<FactVersion[]> {
  if (refs.length === 0) return [];
  const keys = refs.map((r) => ({ PK: subjectPk(subjectId), SK: versionSk(r) }));
  const found = new Map<string, FactVersion>();
  for (const i of await batchGetChunks(keys, { consistentRead: true }))
    found.set(i.SK as string, {
      fact: Fact.parse(i.fact),
      digest: i.digest as string,
      importId: i.importId as string,
      recordedAt: i.recordedAt as string,
    });
  return keys.map((k) => {
    const v = found.get(k.SK);
    if (!v) throw new Error(`fact version ${k.SK} of ${subjectId} is missing`);
    return v;
  });
}

/**
 * Makes sure each fact has its version record (facts written before versions existed have
 * none): a put only where none is, so an existing record keeps the import it came from.
 */
export async function ensureFactVersions(
  facts: readonly Fact[],
  provenance: FactProvenance,
): Promise<void> {
  await Promise.all(
    facts.map(async (f) => {
      try {
        await db().send(
          new PutCommand({
            TableName: tableName(),
            Item: factVersionItem(f, provenance),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
    }),
  );
}

/**
 * Puts the current fact records written before the currentFacts index existed into it (sets
 * their `factPk`/`factSk`; version records are left out, as new writes leave them). One
 * full-table Scan, so only for a table kept from an older version (local `.data/`, or once
 * after deploying the index on AWS); a record already indexed, or rewritten meanwhile, is
 * not touched. Returns how many it indexed.
 */
export async function backfillCurrentFacts(): Promise<number> {
  let indexed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: tableName(),
        ExclusiveStartKey: startKey,
        FilterExpression: '#k = :fact AND attribute_not_exists(factPk)',
        ProjectionExpression: 'PK, SK',
        ExpressionAttributeNames: { '#k': 'kind' },
        ExpressionAttributeValues: { ':fact': 'fact' },
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: { PK: item.PK as string, SK: item.SK as string },
            UpdateExpression: 'SET factPk = PK, factSk = SK',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(factPk)',
          }),
        );
        indexed++;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return indexed;
}

export interface SubjectFacts {
  subjectId: SubjectId;
  facts: Fact[];
}

/**
 * A cursor saved by a segment checkpoint before the index existed (a base-table Scan's key)
 * lacks the index keys; for a current fact they equal the table's, so it resumes on the index.
 */
function indexStartKey(k: Record<string, unknown>): Record<string, unknown> {
  return 'factPk' in k ? k : { ...k, factPk: k.PK, factSk: k.SK };
}

export interface ScanCursor {
  startKey: Record<string, unknown>;
  /** a subject already completed by the previous page: its remaining items are skipped */
  done?: SubjectId;
}

export interface ScanPage {
  subjects: SubjectFacts[];
  /** pass back to continue this segment; undefined when the segment is done */
  next: ScanCursor | undefined;
}

export const CURRENT_FACTS_INDEX = 'currentFacts';

/**
 * How many current facts the currentFacts index holds, as DescribeTable reports it: exact on
 * DynamoDB Local, refreshed about every six hours on AWS (free, and close enough to size a
 * run's segments). undefined when the index is not described.
 */
export async function indexedFactsCount(): Promise<number | undefined> {
  const { Table } = await db().send(new DescribeTableCommand({ TableName: tableName() }));
  return Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === CURRENT_FACTS_INDEX)?.ItemCount;
}

/**
 * Facts asked for per scan page (DynamoDB still stops a page at 1 MB). DynamoDB Local seeks to
 * each page's ExclusiveStartKey in time that grows with the index: measured over 180,000 items
 * in 8 segments, 365 pages of 500 took 24–29 s and 96 pages of 2,000 took 11 s. At 100,000
 * subjects the reads-only second 免申即享 run spent 203 s on 500-fact pages. On AWS fewer, fuller
 * pages are also fewer requests; a crash redoes at most one page either way.
 */
export const SCAN_PAGE_FACTS = 2000;

/**
 * One page of one parallel-scan segment of the currentFacts index, facts grouped by subject.
 * The index's partition is the subject's (`factPk` = `SUBJ#<id>`), so all of a subject's
 * facts sit in one segment, in SK order, and only the subject at a page's end can be
 * cut in two: it is completed from a Query and named in the cursor so the next page
 * skips the rest of it. Each subject is therefore returned once, with all its facts.
 */
export async function scanSubjects(o: {
  segment: number;
  totalSegments: number;
  cursor?: ScanCursor;
  limit?: number;
}): Promise<ScanPage> {
  const page = await db().send(
    new ScanCommand({
      TableName: tableName(),
      IndexName: CURRENT_FACTS_INDEX,
      Segment: o.segment,
      TotalSegments: o.totalSegments,
      ExclusiveStartKey: o.cursor ? indexStartKey(o.cursor.startKey) : undefined,
      Limit: o.limit ?? SCAN_PAGE_FACTS,
      // only what is read below: the page's keys come back in LastEvaluatedKey regardless
      ProjectionExpression: '#s, #f',
      ExpressionAttributeNames: { '#s': 'subjectId', '#f': 'fact' },
    }),
  );
  const bySubject = new Map<SubjectId, Fact[]>();
  for (const item of page.Items ?? []) {
    const id = item.subjectId as SubjectId;
    if (id === o.cursor?.done) continue;
    bySubject.set(id, [...(bySubject.get(id) ?? []), Fact.parse(item.fact)]);
  }
  const subjects = [...bySubject].map(([subjectId, facts]) => ({ subjectId, facts }));
  if (!page.LastEvaluatedKey) return { subjects, next: undefined };
  const last = subjects.at(-1);
  if (last) last.facts = await factsOf(last.subjectId);
  return {
    subjects,
    next: { startKey: page.LastEvaluatedKey, done: last?.subjectId ?? o.cursor?.done },
  };
}
