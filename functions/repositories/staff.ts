/**
 * Staff accounts (shared/staff.ts). The user item `USER#<id> / A` carries the account's state
 * next to the user: `version` (optimistic), `disabled`, `claimedAt`, `sessionVersion` (bumped by
 * every change, so the member's tokens die at once), and the sparse byStatus keys
 * `statusPk = STAFF` for the admin's list. Events live in the user's partition (eventSk).
 * `CLAIM#<sha256 of code>` points a one-time claim code at the account until it is spent.
 */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError } from '../../shared/errors';
import type { UserId } from '../../shared/ids';
import type { StaffAccount, StaffEvent, StaffUser } from '../../shared/staff';
import { User } from '../../shared/user';
import { db, eventSk, queryAll, tableName, transact, type TransactItem } from './table';

const STAFF = 'STAFF';
const userKey = (id: UserId) => ({ PK: `USER#${id}`, SK: 'A' });
const claimKey = (code: string) => ({
  PK: `CLAIM#${createHash('sha256').update(`zhida-claim:${code}`).digest('hex')}`,
  SK: 'A',
});
const eventItem = (e: StaffEvent): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { PK: `USER#${e.userId}`, SK: eventSk(e.version, 0), kind: 'event', event: e },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** Version 0 is an account without the attribute (seeded before issue 12). */
const versionIs = (v: number) =>
  v === 0 ? 'attribute_exists(PK) AND attribute_not_exists(version)' : 'version = :v';
const versionValue = (v: number): Record<string, number> => (v === 0 ? {} : { ':v': v });

export const claimInvalid = () =>
  new DomainError('NOT_FOUND', '认领码无效、已使用或已过期，请向管理员索取新的认领码', {
    reason: 'CLAIM_INVALID',
  });

function accountOf(item: Record<string, unknown>): StaffAccount | undefined {
  const user = User.safeParse(item.user);
  if (!user.success || user.data.role === 'applicant') return undefined;
  return {
    user: user.data,
    disabled: item.disabled === true,
    claimed: typeof item.claimedAt === 'string',
    version: Number(item.version ?? 0),
  };
}

export async function findStaff(id: UserId): Promise<StaffAccount | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: userKey(id), ConsistentRead: true }),
  );
  return Item ? accountOf(Item) : undefined;
}

export async function listStaff(): Promise<StaffAccount[]> {
  const items = await queryAll({
    IndexName: 'byStatus',
    KeyConditionExpression: 'statusPk = :p',
    ExpressionAttributeValues: { ':p': STAFF },
  });
  return items.map(accountOf).filter((a): a is StaffAccount => a !== undefined);
}

/** The new account, its first event and its claim code, together. */
export async function createStaff(
  user: StaffUser,
  event: StaffEvent,
  claim: { code: string; expiresAt: number },
): Promise<void> {
  const table = tableName();
  await transact(
    [
      {
        Put: {
          TableName: table,
          Item: {
            ...userKey(user.id),
            kind: 'user',
            user,
            version: 1,
            sessionVersion: 0,
            statusPk: STAFF,
            statusSk: user.id,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      eventItem(event),
      {
        Put: {
          TableName: table,
          Item: {
            ...claimKey(claim.code),
            kind: 'claim',
            userId: user.id,
            expiresAt: claim.expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ],
    () => conflict(),
  );
}

export async function findClaim(
  code: string,
): Promise<{ userId: UserId; expiresAt: number; used: boolean } | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: claimKey(code), ConsistentRead: true }),
  );
  return Item
    ? {
        userId: Item.userId as UserId,
        expiresAt: Number(Item.expiresAt),
        used: Item.usedBy !== undefined,
      }
    : undefined;
}

/** Spends the code, binds the openid, marks the account claimed, records the event: all or nothing. */
export async function saveClaim(o: {
  code: string;
  openId: string;
  account: StaffAccount;
  nowSeconds: number;
  event: StaffEvent;
}): Promise<void> {
  const table = tableName();
  const id = o.account.user.id;
  await transact(
    [
      {
        Update: {
          TableName: table,
          Key: claimKey(o.code),
          UpdateExpression: 'SET usedBy = :o',
          ConditionExpression:
            'attribute_exists(PK) AND userId = :u AND expiresAt > :now AND attribute_not_exists(usedBy)',
          ExpressionAttributeValues: { ':o': o.openId, ':u': id, ':now': o.nowSeconds },
        },
      },
      {
        Put: {
          TableName: table,
          Item: { PK: `OPENID#${o.openId}`, SK: 'A', kind: 'wechat-binding', userId: id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: table,
          Key: userKey(id),
          UpdateExpression: 'SET claimedAt = :at, version = :next',
          ConditionExpression: `${versionIs(o.account.version)} AND attribute_not_exists(claimedAt)`,
          ExpressionAttributeValues: {
            ':at': o.event.at,
            ':next': o.event.version,
            ...versionValue(o.account.version),
          },
        },
      },
      eventItem(o.event),
    ],
    (index) =>
      index === 0
        ? claimInvalid()
        : index === 1
          ? new DomainError('DUPLICATE', '该微信账号已绑定，请直接登录', {
              reason: 'ALREADY_BOUND',
            })
          : index === 2
            ? claimInvalid()
            : conflict(),
  );
}

/** The admin's change: new state at the next version, the session version bumped, the event appended. */
export async function saveStaffChange(
  next: StaffAccount,
  expectedVersion: number,
  events: StaffEvent[],
): Promise<void> {
  await transact(
    [
      {
        Update: {
          TableName: tableName(),
          Key: userKey(next.user.id),
          UpdateExpression: 'SET #u = :u, disabled = :d, version = :next ADD sessionVersion :one',
          ConditionExpression: versionIs(expectedVersion),
          ExpressionAttributeNames: { '#u': 'user' },
          ExpressionAttributeValues: {
            ':u': next.user,
            ':d': next.disabled,
            ':next': next.version,
            ':one': 1,
            ...versionValue(expectedVersion),
          },
        },
      },
      ...events.map(eventItem),
    ],
    () => conflict(),
  );
}
