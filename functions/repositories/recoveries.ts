/**
 * Recoveries (追回): the only code that knows their keys.
 *
 *   PK `RCV#<id>`  SK `STATE` | `EV#…`   the recovery (versioned) and its events
 *
 * The id is `recoveryIdFor(kind, itemId)`, written with attribute_not_exists: one per paid item.
 * Index attributes:
 * - byPolicy  policyPk `RCV_POLICY#<policyId>`, policySk `<status>#<amountFen>#<id>` (keys only;
 *             the stats sum outstanding and written-off amounts from the keys)
 * - bySubject subjectPk `SUBJ#<subjectId>`, subjectSk `RCV#<openedAt>#<id>`
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../shared/errors';
import type { PolicyId } from '../../shared/ids';
import type {
  Recovery,
  RecoveryEvent,
  RecoveryId,
  RecoveryStatus,
} from '../../shared/lifecycle/recovery';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import {
  batchGetChunks,
  db,
  eventsOf,
  queryAll,
  saveAggregate,
  tableName,
  type SaveAggregate,
} from './table';

const key = (id: RecoveryId) => ({ PK: `RCV#${id}`, SK: 'STATE' });
const policyPk = (id: PolicyId) => `RCV_POLICY#${id}`;

function indexAttributes(r: Recovery): Record<string, unknown> {
  return {
    kind: 'recovery',
    policyPk: policyPk(r.policyId),
    policySk: `${r.status}#${r.amountFen}#${r.id}`,
    subjectPk: `SUBJ#${r.subjectId}`,
    subjectSk: `RCV#${r.openedAt}#${r.id}`,
  };
}

/** State + events + `with` (the ledger's refund) in one transaction; 'new' fails with DUPLICATE if the item has one. */
export async function saveRecovery(
  next: Recovery,
  events: readonly RecoveryEvent[],
  expectedVersion: number | 'new',
  withItems?: SaveAggregate<Recovery>['with'],
): Promise<void> {
  await saveAggregate({
    key: key(next.id),
    next,
    indexAttributes: indexAttributes(next),
    expectedVersion,
    events,
    with: withItems,
  });
}

export async function findRecovery(id: RecoveryId): Promise<Recovery | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }),
  );
  return Item ? (Item.state as Recovery) : undefined;
}

export async function getRecovery(id: RecoveryId): Promise<Recovery> {
  const r = await findRecovery(id);
  if (!r) throw notFound('追回记录');
  return r;
}

export function recoveryTimeline(id: RecoveryId): Promise<RecoveryEvent[]> {
  return eventsOf<RecoveryEvent>(key(id).PK);
}

/** For stats: every recovery of a policy as (status, amountFen), read from the keys-only index. */
export async function recoveryKeysOfPolicy(
  policyId: PolicyId,
): Promise<{ status: RecoveryStatus; amountFen: number }[]> {
  const items = await queryAll({
    IndexName: 'byPolicy',
    KeyConditionExpression: 'policyPk = :p',
    ExpressionAttributeValues: { ':p': policyPk(policyId) },
  });
  return items.map((item) => {
    const [status, amount] = String(item.policySk).split('#');
    return { status: status as RecoveryStatus, amountFen: Number(amount) };
  });
}

/**
 * The recoveries of a policy in one status, for the admin's 追回 page: a page of keys from the
 * keys-only byPolicy index (sorted by amount within the status), then their states in one batch.
 */
export async function listRecoveriesOfPolicy(
  policyId: PolicyId,
  status: RecoveryStatus,
  cursor?: string,
  limit = 20,
): Promise<Page<Recovery>> {
  const list = `recoveries:byPolicy:${policyId}:${status}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byPolicy',
      KeyConditionExpression: 'policyPk = :p AND begins_with(policySk, :s)',
      ExpressionAttributeValues: { ':p': policyPk(policyId), ':s': `${status}#` },
      Limit: Math.min(Math.max(1, limit), 100),
      ExclusiveStartKey: decodeCursor(cursor, isKey, list),
    }),
  );
  const keys = (out.Items ?? []).map((i) => ({ PK: i.PK as string, SK: i.SK as string }));
  const found = new Map(
    (await batchGetChunks(keys)).map((item) => [item.PK as string, item.state as Recovery]),
  );
  // The index is eventually consistent: a state that moved on since is left out of this status.
  const items = keys
    .map((k) => found.get(k.PK))
    .filter((r): r is Recovery => r !== undefined && r.status === status);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, list) }
    : { items };
}
