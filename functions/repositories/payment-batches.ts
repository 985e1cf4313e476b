/**
 * 支付批次 (finance sign-off): the only code that knows their keys.
 *
 *   PK `BATCH#<id>`                  SK `STATE`       the batch (versioned), its items frozen in it
 *   PK `BATCH#<id>`                  SK `EV#<v>#<i>`  its events, append-only
 *   PK `BATCHMEMBER#<kind>#<itemId>` SK `MEMBER`      the one open or approved batch an item is in:
 *                                                     { batchId, approved }
 *
 * Membership is an item of its own (never an attribute of the payable item, whose every save
 * is a Put that would drop it), written with `attribute_not_exists(PK)`: an item is in one
 * open or approved batch only, whoever races. A batch holds at most MAX_BATCH_ITEMS (98)
 * items, so creating it (state + event + memberships), approving it (state + event +
 * memberships → approved) and rejecting it (state + event + memberships deleted: the items
 * are free again) are each ONE transaction of at most 100 writes: nothing is half-done, and
 * a retried creation either finds its items taken (NOTHING_TO_BATCH) or batches the rest.
 *
 * Parking (out of the due index): disburse meets a startable item of a sign-off policy that
 * is in no approved batch and moves its byStatus key to `SIGNOFF#<policyId>` (keeping the
 * original in `signoffFromPk`), under the item's version, without changing its state. Any
 * later save of the item (a Put) rewrites its keys as usual. When a batch is approved, its
 * parked items get their key back (idempotent, one write each). Until that is done the
 * batch carries the sparse key queuePk `BATCH#releasing` (reviewQueue index), and disburse
 * finishes any such batch first, so a crash between the approval and the release only
 * delays payment to the next run.
 *
 * Index attributes of the batch: byStatus `BATCH#<status>` / `<createdAt>#<id>`; bySubject
 * `BATCHES` / `<createdAt>#<id>` (every batch, newest first).
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { ApplicationId, GrantId, PaymentBatchId, PolicyId } from '../../shared/ids';
import type {
  PaymentBatch,
  PaymentBatchEvent,
  PaymentBatchStatus,
} from '../../shared/lifecycle/payment-batch';
import type { PayableKind } from '../../shared/payment';
import { applicationKey } from './applications';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import { grantKey } from './grants';
import { payoutKey } from './loans';
import { batchGetChunks, db, saveAggregate, tableName, type Key, type TransactItem } from './table';

const key = (id: PaymentBatchId) => ({ PK: `BATCH#${id}`, SK: 'STATE' });
const memberKey = (kind: PayableKind, itemId: string) => ({
  PK: `BATCHMEMBER#${kind}#${itemId}`,
  SK: 'MEMBER',
});
const statusPk = (s: PaymentBatchStatus) => `BATCH#${s}`;
const ALL_PK = 'BATCHES';
const RELEASING_PK = 'BATCH#releasing';
const parkedPk = (policyId: PolicyId) => `SIGNOFF#${policyId}`;

function itemKey(kind: PayableKind, id: string): Key {
  switch (kind) {
    case 'application':
      return applicationKey(id as ApplicationId);
    case 'grant':
      return grantKey(id as GrantId);
    case 'loan_interest':
      return payoutKey(id);
  }
}

function indexAttributes(b: PaymentBatch, releasing: boolean): Record<string, unknown> {
  return {
    kind: 'payment_batch',
    statusPk: statusPk(b.status),
    statusSk: `${b.createdAt}#${b.id}`,
    subjectPk: ALL_PK,
    subjectSk: `${b.createdAt}#${b.id}`,
    ...(releasing
      ? { queuePk: RELEASING_PK, queueSk: `${b.decidedAt ?? b.createdAt}#${b.id}` }
      : {}),
  };
}

const inAnotherBatch = (kind: PayableKind, id: string) => () =>
  new DomainError('CONFLICT', '事项已在其他支付批次中，请刷新后重试', {
    reason: 'ITEM_IN_BATCH',
    kind,
    id,
  });

/** Creates the batch and every item's membership in one transaction (CONFLICT ITEM_IN_BATCH if one was taken meanwhile). */
export async function createBatchRecord(
  next: PaymentBatch,
  events: readonly PaymentBatchEvent[],
): Promise<void> {
  const table = tableName();
  const members = next.items.map((i) => ({
    item: {
      Put: {
        TableName: table,
        Item: {
          ...memberKey(i.kind, i.id),
          kind: 'batch_member',
          batchId: next.id,
          approved: false,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    } satisfies TransactItem,
    onConditionFailed: inAnotherBatch(i.kind, i.id),
  }));
  await saveAggregate({
    key: key(next.id),
    next,
    indexAttributes: indexAttributes(next, false),
    expectedVersion: 'new',
    events,
    with: members,
  });
}

/**
 * Saves an approval (memberships → approved; the batch is marked `releasing` until its parked
 * items are back in the due index) or a rejection (memberships deleted), in one transaction.
 */
export async function saveBatchDecision(
  next: PaymentBatch,
  events: readonly PaymentBatchEvent[],
  expectedVersion: number,
): Promise<void> {
  const table = tableName();
  const lost = () =>
    new DomainError('CONFLICT', '批次成员已变化，请刷新后重试', { reason: 'MEMBERSHIP_CHANGED' });
  const members = next.items.map(
    (i): { item: TransactItem; onConditionFailed: () => DomainError } => ({
      item:
        next.status === 'approved'
          ? {
              Update: {
                TableName: table,
                Key: memberKey(i.kind, i.id),
                UpdateExpression: 'SET approved = :t',
                ConditionExpression: 'batchId = :b',
                ExpressionAttributeValues: { ':t': true, ':b': next.id },
              },
            }
          : {
              Delete: {
                TableName: table,
                Key: memberKey(i.kind, i.id),
                ConditionExpression: 'batchId = :b',
                ExpressionAttributeValues: { ':b': next.id },
              },
            },
      onConditionFailed: lost,
    }),
  );
  await saveAggregate({
    key: key(next.id),
    next,
    indexAttributes: indexAttributes(next, next.status === 'approved'),
    expectedVersion,
    events,
    with: members,
  });
}

export async function findBatch(id: PaymentBatchId): Promise<PaymentBatch | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }),
  );
  return Item ? (Item.state as PaymentBatch) : undefined;
}

export async function getBatch(id: PaymentBatchId): Promise<PaymentBatch> {
  const b = await findBatch(id);
  if (!b) throw notFound('支付批次');
  return b;
}

/** Batches, newest first; of one status or all. */
export async function listBatches(q: {
  status?: PaymentBatchStatus;
  cursor?: string;
  limit?: number;
}): Promise<Page<PaymentBatch>> {
  const list = `batches:${q.status ?? '*'}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: q.status ? 'byStatus' : 'bySubject',
      KeyConditionExpression: q.status ? 'statusPk = :p' : 'subjectPk = :p',
      ExpressionAttributeValues: { ':p': q.status ? statusPk(q.status) : ALL_PK },
      ScanIndexForward: false,
      Limit: Math.min(Math.max(1, q.limit ?? 20), 100),
      ExclusiveStartKey: decodeCursor(q.cursor, isKey, list),
    }),
  );
  const items = (out.Items ?? []).map((i) => i.state as PaymentBatch);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, list) }
    : { items };
}

export type Membership = { batchId: PaymentBatchId; approved: boolean };

/** The batch each item is in, if any (one BatchGet per 100). */
export async function membershipsOf(
  items: readonly { kind: PayableKind; id: string }[],
): Promise<Map<string, Membership>> {
  const found = new Map<string, Membership>();
  const keys = items.map((x) => memberKey(x.kind, x.id));
  for (const m of await batchGetChunks(keys, { consistentRead: true }))
    found.set(String(m.PK).slice('BATCHMEMBER#'.length), {
      batchId: m.batchId as PaymentBatchId,
      approved: m.approved === true,
    });
  return found;
}

/** `<kind>#<id>`, the key of membershipsOf's map. */
export const memberRef = (kind: PayableKind, id: string) => `${kind}#${id}`;

export async function membershipOf(kind: PayableKind, id: string): Promise<Membership | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: memberKey(kind, id), ConsistentRead: true }),
  );
  return Item
    ? { batchId: Item.batchId as PaymentBatchId, approved: Item.approved === true }
    : undefined;
}

/**
 * A write that must not happen once the item is in an open or approved batch (the payee's own
 * account change): a condition on the membership item, in the same transaction, so a batch
 * created between the read and the write refuses the change instead of freezing a stale payee.
 */
export function notInBatch(
  kind: PayableKind,
  id: string,
  onConditionFailed: () => DomainError,
): { item: TransactItem; onConditionFailed: () => DomainError } {
  return {
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: memberKey(kind, id),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed,
  };
}

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException ||
  (e as { name?: string } | null | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * Moves a startable item out of the due index into the policy's sign-off partition, if it is
 * still at `version` and in the index. False when the item moved meanwhile (the caller looks again next run).
 */
export async function parkForSignoff(
  kind: PayableKind,
  id: string,
  version: number,
  policyId: PolicyId,
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKey(kind, id),
        UpdateExpression: 'SET signoffFromPk = statusPk, statusPk = :parked',
        ConditionExpression: '#v = :v AND attribute_exists(statusPk) AND statusPk <> :parked',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': version, ':parked': parkedPk(policyId) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return true;
  } catch (e) {
    // a concurrent run parked it first (same version, already in the sign-off partition): parked all the same
    if (isConditionFailure(e))
      return (
        attributeOf(e, 'statusPk') === parkedPk(policyId) &&
        Number(attributeOf(e, 'version')) === version
      );
    throw e;
  }
}

/** An attribute of the old item a failed condition returned (raw `{ S: … }` / `{ N: … }` or plain). */
function attributeOf(e: unknown, name: string): string | undefined {
  const v = (e as { Item?: Record<string, unknown> }).Item?.[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') {
    const raw = v as { S?: string; N?: string };
    return raw.S ?? raw.N;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar by now: objects were read above
  return String(v);
}

/** Puts a parked item back in the due index (idempotent: an item that is not parked is left alone). */
export async function unpark(kind: PayableKind, id: string, policyId: PolicyId): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKey(kind, id),
        UpdateExpression: 'SET statusPk = signoffFromPk REMOVE signoffFromPk',
        ConditionExpression: 'statusPk = :parked AND attribute_exists(signoffFromPk)',
        ExpressionAttributeValues: { ':parked': parkedPk(policyId) },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** Approved batches whose parked items are not yet all back in the due index. */
export async function listReleasingBatches(limit = 25): Promise<PaymentBatch[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'reviewQueue',
      KeyConditionExpression: 'queuePk = :p',
      ExpressionAttributeValues: { ':p': RELEASING_PK },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => i.state as PaymentBatch);
}

/** Every parked item of the batch is back in the due index: drop the `releasing` key (under the batch's version). */
export async function markReleased(b: PaymentBatch): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(b.id),
        UpdateExpression: 'REMOVE queuePk, queueSk',
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': b.version },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
