/**
 * The dashboard's counters (issue #16, shared/stats-counters.ts), one item per policy:
 *   PK `STATS#<policyId>`  SK `COUNTERS`   attributes `a_<status>`, `g_<status>`, `ad_<date>`, `gd_<date>`
 * and one marker per counted state write, so a stream record delivered twice counts once:
 *   PK `COUNTED#<item PK>`  SK `v<version>`   expiresAt (TTL, real time: a stream keeps records 24 h)
 * The marker and the counter updates are one transaction.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Counters } from '../../shared/stats-counters';
import { db, tableName, type TransactItem } from './table';

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
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

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
      Item: {
        PK: `COUNTED#${write.pk}`,
        SK: `v${write.version}`,
        kind: 'counted',
        // TTL runs on real time, never on the (possibly shifted) business clock
        expiresAt: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS,
      },
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
