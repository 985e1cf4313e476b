/**
 * Notification outbox. A record is written in the same transaction as the transition it
 * reports (saveApplication's `with`), so a notice exists iff the change happened; the sender
 * (functions/services/notice-sender.ts, driven by the table's stream) delivers it once.
 *
 *   PK `OUTBOX#<aggregateId>#<version>`  SK `OUTBOX` — one per transition, written once
 *   byStatus:  statusPk `OUTBOX#pending`, statusSk `<dueAt>#<id>` while unsent (sparse; dueAt is
 *              createdAt, then the next retry after a failed attempt);
 *              statusPk `OUTBOX#undeliverable`, statusSk `<failedAt>#<id>` once given up (admin list)
 *   bySubject: subjectPk `NOTICES#<recipient>`, subjectSk `<createdAt>#<id>` — the recipient's
 *              message centre (recipient: the subject id, or `user:<userId>` for staff)
 *
 * Delivery state on the record: `claimedUntil` (a sender's lease), `attempts`, `lastError`,
 * `sentAt` + `channel` once delivered, `readAt` once read in the message centre.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { conflict, notFound } from '../../shared/errors';
import type { SubjectId } from '../../shared/ids';
import type { Notice } from '../../shared/lifecycle/application-notices';
import { db, tableName, type TransactItem } from './table';
import type { DomainError } from '../../shared/errors';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';

export interface OutboxRecord {
  id: string;
  channel: 'wechat_subscribe';
  /** the subject the notice is for (applicants); absent for a staff notice */
  subjectId?: SubjectId;
  /** who reads it: the subject when absent, or `user:<userId>` for a staff member (SLA digest) */
  recipient?: string;
  aggregate: {
    kind: 'application' | 'grant' | 'payment' | 'sla_digest' | 'policy';
    id: string;
    version: number;
  };
  notice: Notice;
  createdAt: string;
}

export type DeliveryChannel = 'wechat' | 'sms' | 'inbox';

/** A record with its delivery state, as the sender and the lists see it. */
export interface StoredNotice {
  record: OutboxRecord;
  status: 'pending' | 'sent' | 'undeliverable';
  attempts: number;
  claimedUntil?: string;
  lastError?: string;
  sentAt?: string;
  sentChannel?: DeliveryChannel;
  failedAt?: string;
  readAt?: string;
}

export const PENDING = 'OUTBOX#pending';
export const UNDELIVERABLE = 'OUTBOX#undeliverable';
const key = (id: string) => ({ PK: `OUTBOX#${id}`, SK: 'OUTBOX' });

/** The message-centre owner of a record. */
export const recipientOf = (r: Pick<OutboxRecord, 'recipient' | 'subjectId'>): string =>
  r.recipient ?? r.subjectId ?? 'nobody';
const inboxPk = (recipient: string) => `NOTICES#${recipient}`;

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
          attempts: 0,
          statusPk: PENDING,
          statusSk: `${r.createdAt}#${id}`,
          subjectPk: inboxPk(recipientOf(record)),
          subjectSk: `${r.createdAt}#${id}`,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () => conflict(),
  };
}

function stored(i: Record<string, unknown>): StoredNotice {
  const status =
    i.statusPk === PENDING ? 'pending' : i.statusPk === UNDELIVERABLE ? 'undeliverable' : 'sent';
  const s: StoredNotice = {
    record: i.record as OutboxRecord,
    status,
    attempts: typeof i.attempts === 'number' ? i.attempts : 0,
  };
  for (const f of ['claimedUntil', 'lastError', 'sentAt', 'failedAt', 'readAt'] as const)
    if (typeof i[f] === 'string') s[f] = i[f];
  if (typeof i.sentChannel === 'string') s.sentChannel = i.sentChannel as DeliveryChannel;
  return s;
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

/** Oldest pending notices first (due or not). */
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

/** Pending notices due at `now` (new, or whose retry time has come), oldest first. */
export async function dueNotices(now: string, limit = 100): Promise<OutboxRecord[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p AND statusSk <= :now',
      ExpressionAttributeValues: { ':p': PENDING, ':now': `${now}~` },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => i.record as OutboxRecord);
}

export async function findNotice(id: string): Promise<StoredNotice | undefined> {
  const out = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }),
  );
  return out.Item ? stored(out.Item) : undefined;
}

const failedCondition = (e: unknown) => e instanceof ConditionalCheckFailedException;

/**
 * Takes the sender's lease on a pending notice: only one sender works on a notice at a time
 * (the stream, its retries and the sweep may all see it). Counts the attempt. Undefined when
 * the notice is sent, given up, or leased by another sender until later.
 */
export async function claimNotice(
  id: string,
  now: string,
  leaseUntil: string,
): Promise<StoredNotice | undefined> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression:
          'SET claimedUntil = :lease, attempts = if_not_exists(attempts, :zero) + :one',
        ConditionExpression:
          'statusPk = :pending AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
        ExpressionAttributeValues: {
          ':lease': leaseUntil,
          ':zero': 0,
          ':one': 1,
          ':pending': PENDING,
          ':now': now,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? stored(out.Attributes) : undefined;
  } catch (e) {
    if (failedCondition(e)) return undefined;
    throw e;
  }
}

/**
 * Marks a notice sent under the lease that sent it: it leaves the pending index. False when
 * the lease was lost (another sender took the notice over), so the caller knows.
 */
export async function markSent(
  id: string,
  o: { sentAt: string; channel: DeliveryChannel; lease: string },
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression:
          'SET sentAt = :t, sentChannel = :c REMOVE statusPk, statusSk, claimedUntil, lastError',
        ConditionExpression: 'statusPk = :pending AND claimedUntil = :lease',
        ExpressionAttributeValues: {
          ':t': o.sentAt,
          ':c': o.channel,
          ':pending': PENDING,
          ':lease': o.lease,
        },
      }),
    );
    return true;
  } catch (e) {
    if (failedCondition(e)) return false;
    throw e;
  }
}

/** A failed attempt: the lease is given back and the notice is due again at `retryAt`. */
export async function scheduleRetry(
  id: string,
  o: { retryAt: string; error: string; lease: string },
): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression: 'SET statusSk = :sk, lastError = :e REMOVE claimedUntil',
        ConditionExpression: 'statusPk = :pending AND claimedUntil = :lease',
        ExpressionAttributeValues: {
          ':sk': `${o.retryAt}#${id}`,
          ':e': o.error.slice(0, 500),
          ':pending': PENDING,
          ':lease': o.lease,
        },
      }),
    );
  } catch (e) {
    if (!failedCondition(e)) throw e;
  }
}

/** Given up after the last attempt: listed for the admins, never retried by itself. */
export async function markUndeliverable(
  id: string,
  o: { failedAt: string; error: string; lease: string },
): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression:
          'SET statusPk = :u, statusSk = :sk, lastError = :e, failedAt = :t REMOVE claimedUntil',
        ConditionExpression: 'statusPk = :pending AND claimedUntil = :lease',
        ExpressionAttributeValues: {
          ':u': UNDELIVERABLE,
          ':sk': `${o.failedAt}#${id}`,
          ':e': o.error.slice(0, 500),
          ':t': o.failedAt,
          ':pending': PENDING,
          ':lease': o.lease,
        },
      }),
    );
  } catch (e) {
    if (!failedCondition(e)) throw e;
  }
}

/** Undeliverable notices, newest first (admin list). */
export async function undeliverableNotices(
  o: { cursor?: string; limit?: number } = {},
): Promise<Page<StoredNotice>> {
  const list = 'notices:undeliverable';
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p',
      ExpressionAttributeValues: { ':p': UNDELIVERABLE },
      ScanIndexForward: false,
      Limit: o.limit ?? 50,
      ExclusiveStartKey: decodeCursor(o.cursor, isKey, list),
    }),
  );
  return {
    items: (out.Items ?? []).map(stored),
    ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey, list) } : {}),
  };
}

/** A recipient's message centre, newest first. */
export async function noticesOf(
  recipient: string,
  o: { cursor?: string; limit?: number } = {},
): Promise<Page<StoredNotice>> {
  const list = `notices:${recipient}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'bySubject',
      KeyConditionExpression: 'subjectPk = :p',
      ExpressionAttributeValues: { ':p': inboxPk(recipient) },
      ScanIndexForward: false,
      Limit: o.limit ?? 20,
      ExclusiveStartKey: decodeCursor(o.cursor, isKey, list),
    }),
  );
  return {
    items: (out.Items ?? []).map(stored),
    ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey, list) } : {}),
  };
}

/**
 * How many of the recipient's notices are unread, read through the whole index range. `justRead`
 * names a notice this request marked read: the index is updated after the item (on AWS, a GSI
 * read may lag the write), so a notice the index still shows unread is not counted twice over.
 */
export async function unreadCount(recipient: string, justRead?: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'bySubject',
        KeyConditionExpression: 'subjectPk = :p',
        FilterExpression: 'attribute_not_exists(readAt)',
        ExpressionAttributeValues: { ':p': inboxPk(recipient) },
        ...(justRead ? { ProjectionExpression: 'PK' } : { Select: 'COUNT' }),
        ExclusiveStartKey: startKey,
      }),
    );
    const stale = justRead ? (out.Items ?? []).filter((i) => i.PK === key(justRead).PK).length : 0;
    count += (out.Count ?? 0) - stale;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/** Marks one of the recipient's notices read (idempotent: the first reading time is kept). */
export async function markRead(recipient: string, id: string, at: string): Promise<StoredNotice> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression: 'SET readAt = if_not_exists(readAt, :t)',
        ConditionExpression: 'subjectPk = :p',
        ExpressionAttributeValues: { ':t': at, ':p': inboxPk(recipient) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stored(out.Attributes ?? {});
  } catch (e) {
    // another recipient's notice is answered as one that does not exist
    if (failedCondition(e)) throw notFound('消息');
    throw e;
  }
}
