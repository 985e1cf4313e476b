/**
 * Facts live in their subject's partition (`SUBJ#<id>`, `FACT#<source>#<from>`), so one
 * Query returns everything the rules need about a subject, and a parallel Scan over the
 * table's FACT items walks the whole subject space for an auto-grant run.
 * The key is the fact's identity (subject, source, period start): re-importing the same
 * feed overwrites each record with itself and changes nothing.
 */
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Fact } from '../../shared/facts';
import type { SubjectId } from '../../shared/ids';
import { subjectIdOf, subjectPk } from './subjects';
import { db, queryAll, tableName } from './table';

const factSk = (f: Fact) => `FACT#${f.source}#${f.period.from}`;
const BATCH = 25; // BatchWriteItem's limit
const MAX_ATTEMPTS = 8; // per batch, for items DynamoDB returns unprocessed (throttling)

export function factItem(f: Fact) {
  const subjectId = subjectIdOf(f.subjectId);
  return { PK: subjectPk(subjectId), SK: factSk(f), kind: 'fact', subjectId, fact: f };
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
export async function putFacts(facts: readonly Fact[]): Promise<void> {
  let written = 0;
  try {
    for (let i = 0; i < facts.length; i += BATCH) {
      let requests = facts.slice(i, i + BATCH).map((f) => ({ PutRequest: { Item: factItem(f) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === MAX_ATTEMPTS)
          throw new Error(
            `${requests.length} facts stayed unprocessed after ${MAX_ATTEMPTS} attempts`,
          );
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        const sent = requests.length;
        const out = await db().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
        );
        requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
        written += sent - requests.length;
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

export interface SubjectFacts {
  subjectId: SubjectId;
  facts: Fact[];
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

/**
 * One page of one parallel-scan segment, facts grouped by subject. All items of a
 * partition sit in one segment, in SK order, so only the subject at a page's end can be
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
      Segment: o.segment,
      TotalSegments: o.totalSegments,
      ExclusiveStartKey: o.cursor?.startKey,
      Limit: o.limit ?? 500,
      FilterExpression: '#k = :fact',
      ExpressionAttributeNames: { '#k': 'kind' },
      ExpressionAttributeValues: { ':fact': 'fact' },
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
