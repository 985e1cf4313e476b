/**
 * The dashboard's counters (issue #16, shared/stats-counters.ts), one item per policy:
 *   PK `STATS#<policyId>`  SK `COUNTERS`   attributes `a_<status>`, `g_<status>`, `ad_<date>`, `gd_<date>`
 * and one marker per counted state write, so a stream record delivered twice counts once:
 *   PK `COUNTED#<item PK>`  SK `v<version>`   expiresAt (TTL, real time: a stream keeps records 24 h)
 * The marker and the counter updates are one transaction, which also adds 1 to the counter
 * item's `rev`: the recount (below) replaces the counters only if no write was counted since it
 * began.
 *
 * The recount (backfill, functions/services/stats-recount.ts) over the byPolicy index and a
 * consistent read of each state: markers for every version up to the one it read (a stream
 * record of those is already in what it counts), then the counters replaced whole, on `rev`.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PolicyId } from '../../shared/ids';
import type { Counted, Counters } from '../../shared/stats-counters';
import { applicationsOfPolicyIndexPk } from './applications';
import { BatchWriter } from './batch-writer';
import { grantsOfPolicyIndexPk } from './grants';
import { db, queryAll, tableName, type Item, type TransactItem } from './table';

const counterKey = (policyId: string) => ({ PK: `STATS#${policyId}`, SK: 'COUNTERS' });
/** markers outlive the stream's 24 hours of retention */
const MARKER_TTL_SECONDS = 3 * 24 * 60 * 60;

function addUpdate(policyId: string, deltas: Record<string, number>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = Object.entries(deltas).map(([name, n], i) => {
    names[`#c${String(i)}`] = name;
    values[`:c${String(i)}`] = n;
    return `#c${String(i)} :c${String(i)}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: counterKey(policyId),
      // `rev` moves with every counted write: a recount running meanwhile starts again
      UpdateExpression: `ADD ${parts.join(', ')}, #rev :one`,
      ExpressionAttributeNames: { ...names, '#rev': 'rev' },
      ExpressionAttributeValues: { ...values, ':one': 1 },
    },
  };
}

const markerOf = (pk: string, version: string): Item => ({
  PK: `COUNTED#${pk}`,
  SK: `v${version}`,
  kind: 'counted',
  // TTL runs on real time, never on the (possibly shifted) business clock
  expiresAt: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS,
});

/**
 * Adds one state write's change to its policies' counters, once: 'counted', or 'duplicate'
 * when this write (item PK, version) was counted before.
 */
export async function countOnce(
  write: { pk: string; version: string },
  change: ReadonlyMap<string, Record<string, number>>,
): Promise<'counted' | 'duplicate'> {
  if (change.size === 0) return 'counted';
  const marker: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: markerOf(write.pk, write.version),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
  const updates = [...change].map(([policyId, d]) => addUpdate(policyId, d));
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [marker, ...updates] }));
    return 'counted';
  } catch (e) {
    if (
      e instanceof TransactionCanceledException &&
      e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    )
      return 'duplicate';
    throw e;
  }
}

/** A policy's counters (empty when nothing was counted yet). */
export async function countersOf(policyId: string): Promise<Counters> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: counterKey(policyId) }),
  );
  if (!Item) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(Item))
    if (typeof v === 'number' && /^(a|g|ad|gd)_/.test(k)) out[k] = v;
  return out;
}

/** Tests and the bench only: set a policy's counters outright (a recount's result). */
export async function putCounters(policyId: string, counters: Counters): Promise<void> {
  const entries = Object.entries(counters);
  if (entries.length === 0) return;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: counterKey(policyId),
      UpdateExpression: `SET ${entries.map((_, i) => `#c${String(i)} = :c${String(i)}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${String(i)}`, k])),
      ExpressionAttributeValues: Object.fromEntries(
        entries.map(([, v], i) => [`:c${String(i)}`, v]),
      ),
    }),
  );
}

// ---- the recount (backfill) ---------------------------------------------------------

/** One application or grant state as the recount reads it. */
export interface CountedState {
  pk: string;
  version: number;
  counted: Counted;
}

/** The counter item's `rev` now (consistent; undefined: no item, or none counted since `rev`). */
export async function countersRev(policyId: PolicyId): Promise<number | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: counterKey(policyId),
      ConsistentRead: true,
      ProjectionExpression: '#rev',
      ExpressionAttributeNames: { '#rev': 'rev' },
    }),
  );
  return typeof Item?.rev === 'number' ? Item.rev : undefined;
}

/** The keys of a policy's application and grant state items, from the keys-only byPolicy index. */
export async function stateKeysOfPolicy(policyId: PolicyId): Promise<string[]> {
  const pks = await Promise.all(
    [applicationsOfPolicyIndexPk(policyId), grantsOfPolicyIndexPk(policyId)].map(async (p) =>
      (
        await queryAll({
          IndexName: 'byPolicy',
          KeyConditionExpression: 'policyPk = :p',
          ExpressionAttributeValues: { ':p': p },
        })
      ).map((i) => String(i.PK)),
    ),
  );
  // a grant whose status moved while the index was read may be listed twice
  return [...new Set(pks.flat())];
}

const countedOfItem = (item: Item): CountedState | undefined => {
  const pk = String(item.PK);
  const state = item.state as Record<string, unknown> | undefined;
  const kind = pk.startsWith('APP#') ? 'application' : 'grant';
  const start = kind === 'application' ? state?.decidedAt : state?.detectedAt;
  if (typeof state?.policyId !== 'string' || typeof state.status !== 'string') return undefined;
  return {
    pk,
    version: Number(item.version ?? 0),
    counted: {
      kind,
      policyId: state.policyId,
      status: state.status,
      ...(typeof start === 'string' ? { slaStartAt: start } : {}),
    },
  };
};

/** The states of these items (PK of a state item), read consistently: what they are now. */
export async function countedStatesOf(pks: readonly string[]): Promise<CountedState[]> {
  const out: CountedState[] = [];
  for (let i = 0; i < pks.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = pks
      .slice(i, i + 100)
      .map((PK) => ({ PK, SK: 'STATE' }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt === 10) throw new Error('state items stayed unprocessed');
      const got: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName()]: {
              Keys: keys,
              ConsistentRead: true,
              ProjectionExpression: 'PK, #v, #st.policyId, #st.#s, #st.decidedAt, #st.detectedAt',
              ExpressionAttributeNames: { '#v': 'version', '#st': 'state', '#s': 'status' },
            },
          },
        }),
      );
      for (const item of got.Responses?.[tableName()] ?? []) {
        const c = countedOfItem(item);
        if (c) out.push(c);
      }
      keys = got.UnprocessedKeys?.[tableName()]?.Keys;
      if (keys && keys.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return out;
}

/**
 * Marks every version up to the one read as counted (the stream's own markers): a stream
 * record of any of them, delivered now or later, counts nothing. Rewriting a marker is harmless.
 */
export async function markCountedUpTo(states: readonly CountedState[]): Promise<number> {
  const sink = new BatchWriter(4);
  for (const s of states)
    for (let v = 0; v <= s.version; v++) await sink.put(markerOf(s.pk, String(v)));
  await sink.flush();
  return sink.written;
}

/**
 * Replaces a policy's counters whole with a recount's, only if no write was counted since
 * `rev` was read (the stream adds 1 to it with every count): false when one was.
 */
export async function replaceCounters(
  policyId: PolicyId,
  counters: Counters,
  rev: number | undefined,
  at: string,
): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...counters,
          ...counterKey(policyId),
          rev: (rev ?? 0) + 1,
          recountedAt: at,
        },
        ConditionExpression: rev === undefined ? 'attribute_not_exists(#rev)' : '#rev = :rev',
        ExpressionAttributeNames: { '#rev': 'rev' },
        ...(rev === undefined ? {} : { ExpressionAttributeValues: { ':rev': rev } }),
      }),
    );
    return true;
  } catch (e) {
    if ((e as Error | undefined)?.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
