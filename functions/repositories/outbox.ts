/**
 * Notification outbox. A record is written in the same transaction as the transition it
 * reports (saveApplication's `with`), so a notice exists iff the change happened; a sender
 * (functions/adapters/notify.ts) drains pending records later and may retry safely.
 *
 *   PK `OUTBOX#<aggregateId>#<version>`  SK `OUTBOX` — one per transition, written once
 *   byStatus: statusPk `OUTBOX#pending`, statusSk `<createdAt>#<id>` while unsent (sparse)
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../../shared/errors';
import type { SubjectId } from '../../shared/ids';
import type { Notice } from '../../shared/lifecycle/application-notices';
import { db, tableName, type TransactItem } from './table';
import type { DomainError } from '../../shared/errors';

export interface OutboxRecord {
  id: string;
  channel: 'wechat_subscribe';
  subjectId: SubjectId;
  aggregate: {
    kind: 'application' | 'grant' | 'payment' | 'policy';
    id: string;
    version: number;
  };
  notice: Notice;
  createdAt: string;
}

const PENDING = 'OUTBOX#pending';

/** The transaction item that records a notice next to the transition. */
export function outboxItem(r: Omit<OutboxRecord, 'id' | 'channel'>): {
  item: TransactItem;
  onConditionFailed: () => DomainError;
} {
  const id = `${r.aggregate.id}~${r.aggregate.version}`;
  const record: OutboxRecord = { ...r, id, channel: 'wechat_subscribe' };
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          PK: `OUTBOX#${id}`,
          SK: 'OUTBOX',
          kind: 'outbox',
          record,
          statusPk: PENDING,
          statusSk: `${r.createdAt}#${id}`,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () => conflict(),
  };
}

/**
 * A notice that is its own record (no transition to ride along with): written once per id, so a
 * rerun of the job that sends it changes nothing. 'written', or 'existed' when it was already there.
 */
export async function putNoticeOnce(
  r: Omit<OutboxRecord, 'id' | 'channel'>,
): Promise<'written' | 'existed'> {
  const { item } = outboxItem(r);
  try {
    await db().send(new PutCommand(item.Put as ConstructorParameters<typeof PutCommand>[0]));
    return 'written';
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return 'existed';
    throw e;
  }
}

/** Oldest pending notices first. */
export async function pendingNotices(limit = 100): Promise<OutboxRecord[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p',
      ExpressionAttributeValues: { ':p': PENDING },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => i.record as OutboxRecord);
}

/** Marks a notice sent: it leaves the pending index. */
export async function markSent(id: string, sentAt: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { PK: `OUTBOX#${id}`, SK: 'OUTBOX' },
      UpdateExpression: 'SET sentAt = :t REMOVE statusPk, statusSk',
      ExpressionAttributeValues: { ':t': sentAt },
    }),
  );
}
