/**
 * The shared plumbing of every repository: one DocumentClient, the table name, and the
 * one way an aggregate is saved — its new state under an optimistic-version condition
 * together with its audit events (append-only) and any other records that must move with
 * it (budget reservation, payment, outbox), in a single transaction.
 * Key shapes stay in the per-aggregate repositories; this file knows only PK/SK.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError } from '../../shared/errors';

let client: DynamoDBDocumentClient | undefined;

/** AWS_ENDPOINT_URL_DYNAMODB (set locally and in tests) points the SDK at DynamoDB Local. */
export function db(): DynamoDBDocumentClient {
  if (!client) {
    client = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 5 }), {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return client;
}

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}

export type Key = { PK: string; SK: string };
export type Item = Record<string, unknown>;

/** Every item a Query matches, following LastEvaluatedKey: for partitions and index ranges known to be small. */
export async function queryAll(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), ...input, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_KEYS = 100;

/**
 * BatchGet requests one call keeps in flight: 4,000 keys are 40 chunks, and 40 requests fired
 * at once would spend the table's read capacity in a burst and come back throttled.
 */
export const BATCH_GET_IN_FLIGHT = 8;

/** The pause before retry `attempt` (1, 2, …) of unprocessed keys: full jitter below 20 ms doubling, capped at 1 s. */
function unprocessedBackoffMs(attempt: number): number {
  return Math.random() * Math.min(1000, 20 * 2 ** (attempt - 1));
}

/**
 * Every item these keys name that exists, in no particular order (a missing one is left
 * out): BatchGetItem over any number of keys, chunks of 100 read in parallel, at most
 * BATCH_GET_IN_FLIGHT at once (the auto-grant's page waits on them; issue 16), a key asked
 * for twice read once. The keys DynamoDB leaves unprocessed (throttling) are asked for
 * again until every key is read (never a silently shorter answer), after a pause drawn at
 * random below a cap of 20 ms doubling up to 1 s ("full jitter"), so chunks throttled
 * together do not all come back at the same instant and get throttled again.
 */
export async function batchGetChunks(
  keys: readonly Item[],
  o: { projection?: string; consistentRead?: boolean } = {},
): Promise<Item[]> {
  const table = tableName();
  const unique = [
    ...new Map(keys.map((k) => [`${String(k.PK)}\u0000${String(k.SK)}`, k])).values(),
  ];
  const chunks = Array.from({ length: Math.ceil(unique.length / BATCH_GET_KEYS) }, (_, i) =>
    unique.slice(i * BATCH_GET_KEYS, (i + 1) * BATCH_GET_KEYS),
  );
  const read = async (chunk: Item[]) => {
    const items: Item[] = [];
    let pending: Item[] | undefined = chunk;
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, unprocessedBackoffMs(attempt)));
      const out: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ...(o.projection === undefined ? {} : { ProjectionExpression: o.projection }),
              ...(o.consistentRead === true ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      items.push(...(out.Responses?.[table] ?? []));
      pending = out.UnprocessedKeys?.[table]?.Keys;
    }
    return items;
  };
  // a few readers take the next chunk as each finishes one: never more than the cap in flight
  const found: Item[] = [];
  const reader = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift())
      found.push(...(await read(chunk)));
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_GET_IN_FLIGHT, chunks.length) }, reader));
  return found;
}

/** An aggregate's audit events (written by saveAggregate), oldest first. */
export async function eventsOf<E>(pk: string): Promise<E[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ev)',
    ExpressionAttributeValues: { ':pk': pk, ':ev': 'EV#' },
    ConsistentRead: true,
  });
  return items.map((i) => i.event as E);
}
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** An item in DynamoDB's own attribute-value form (`{ holderKind: { S: 'grant' } }`), as a cancellation reason carries it. */
export type RawItem = Record<string, { S?: string; N?: string } | undefined>;

/** Events are stored under the aggregate's partition so a Query returns state + timeline. */
export function eventSk(version: number, index: number): string {
  return `EV#${String(version).padStart(8, '0')}#${String(index).padStart(2, '0')}`;
}

export interface SaveAggregate<T extends { version: number }> {
  key: Key;
  next: T;
  /** attributes next to the state: index keys, TTL … */
  indexAttributes?: Record<string, unknown>;
  /** attributes to remove (a sparse index key that no longer applies) */
  removeAttributes?: readonly string[];
  expectedVersion: number | 'new';
  events: readonly { type: string; version?: number }[];
  /**
   * further writes that must succeed or fail with this one, each with the error its failure
   * means; `old` is the item as it stood (raw attribute values) when the write asked for it
   * with ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
   */
  with?: readonly { item: TransactItem; onConditionFailed: (old?: RawItem) => DomainError }[];
}

/** Removes attributes whose value is undefined: DynamoDB rejects them inside transactions. */
function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export async function saveAggregate<T extends { version: number }>(
  s: SaveAggregate<T>,
): Promise<void> {
  await aggregateWrite(s, transact);
}

type OnFailed = (index: number, old?: RawItem) => DomainError;

/**
 * The transaction items of one saveAggregate (state, events, `with`) and the error a failed
 * condition on item i means, handed to `transact`: the real one for one aggregate, or a
 * collector when several new aggregates share one transaction (issue 16's grants, a group
 * per TransactWriteItems), each item keeping its own condition.
 */
export function aggregateWrite<T extends { version: number }, R>(
  s: SaveAggregate<T>,
  transact: (items: TransactItem[], onFailed: OnFailed) => R,
): R {
  const table = tableName();
  const state: TransactItem = {
    Put: {
      TableName: table,
      Item: clean({ ...s.key, ...s.indexAttributes, state: s.next, version: s.next.version }),
      ConditionExpression: s.expectedVersion === 'new' ? 'attribute_not_exists(PK)' : '#v = :v',
      ...(s.expectedVersion === 'new'
        ? {}
        : {
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': s.expectedVersion },
          }),
    },
  };
  const events: TransactItem[] = s.events.map((e, i) => ({
    Put: {
      TableName: table,
      Item: { PK: s.key.PK, SK: eventSk(e.version ?? s.next.version, i), kind: 'event', event: e },
      ConditionExpression: 'attribute_not_exists(PK)', // append-only: an event is never overwritten
    },
  }));
  const extra = s.with ?? [];
  return transact([state, ...events, ...extra.map((w) => w.item)], (index, old) => {
    if (index === 0)
      return s.expectedVersion === 'new' ? new DomainError('DUPLICATE', '记录已存在') : conflict();
    if (index <= events.length) return conflict();
    return extra[index - events.length - 1]?.onConditionFailed(old) ?? conflict();
  });
}

/** Runs a transaction; a failed condition on item i becomes the DomainError that onFailed(i) names. */
export async function transact(
  items: TransactItem[],
  onFailed: (index: number, old?: RawItem) => DomainError,
): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    if (e instanceof TransactionCanceledException) {
      const index = (e.CancellationReasons ?? []).findIndex(
        (r) => r.Code === 'ConditionalCheckFailed',
      );
      if (index >= 0) throw onFailed(index, e.CancellationReasons?.[index]?.Item);
      if ((e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict'))
        throw conflict();
    }
    throw e;
  }
}
