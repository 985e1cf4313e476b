/**
 * Users and their WeChat bindings. `USER#<id>` holds the user; `OPENID#<openid>` points a
 * WeChat identity at it (written once, conditionally, so one openid never maps to two users).
 * Demo users carry `dev: true` and are the only ones the local dev login lists.
 *
 * The user item also holds the session state: `sessionVersion` (absent = 0), which every
 * access and refresh token must match, and `disabled`. Users are never deleted, only disabled.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { UserId } from '../../shared/ids';
import { User } from '../../shared/user';
import { db, tableName } from './table';

const userKey = (id: UserId) => ({ PK: `USER#${id}`, SK: 'A' });
const DEV_USERS = 'DEVUSERS';

export async function putUser(user: User, o: { dev?: boolean } = {}): Promise<void> {
  const dev = o.dev ? { statusPk: DEV_USERS, statusSk: user.id } : {};
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...userKey(user.id), kind: 'user', user, ...dev },
    }),
  );
}

export async function findUser(id: UserId): Promise<User | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: userKey(id) }));
  return Item ? User.parse(Item.user) : undefined;
}

export async function getUser(id: UserId): Promise<User> {
  const user = await findUser(id);
  if (!user) throw notFound('用户');
  return user;
}

/** The seeded demo users, for the dev login page (byStatus index, sparse). */
export async function listDevUsers(): Promise<User[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p',
      ExpressionAttributeValues: { ':p': DEV_USERS },
    }),
  );
  return (out.Items ?? []).map((i) => User.parse(i.user));
}

export async function findUserByOpenId(openId: string): Promise<User | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: { PK: `OPENID#${openId}`, SK: 'A' } }),
  );
  return Item ? findUser(Item.userId as UserId) : undefined;
}

export async function bindOpenId(openId: string, userId: UserId): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { PK: `OPENID#${openId}`, SK: 'A', kind: 'wechat-binding', userId },
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :u',
        ExpressionAttributeValues: { ':u': userId },
      }),
    );
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException')
      throw new DomainError('DUPLICATE', '该微信账号已绑定其他用户');
    throw e;
  }
}

export interface SessionState {
  version: number;
  disabled: boolean;
}

/** The session state of a user; undefined when no such user is stored. */
export async function sessionStateOf(id: UserId): Promise<SessionState | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: userKey(id),
      ProjectionExpression: 'sessionVersion, disabled',
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  return {
    version: typeof Item.sessionVersion === 'number' ? Item.sessionVersion : 0,
    disabled: Item.disabled === true,
  };
}

/** Ends every session of the user: tokens carrying an older version are refused from now on. */
export async function bumpSessionVersion(id: UserId): Promise<number> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: 'ADD sessionVersion :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.sessionVersion ?? 0);
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') throw notFound('用户');
    throw e;
  }
}

/** Disables or re-enables a user; disabling also ends every session (the version is bumped in the same write). */
export async function setUserDisabled(id: UserId, disabled: boolean): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: disabled
          ? 'SET disabled = :d ADD sessionVersion :one'
          : 'SET disabled = :d',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: disabled ? { ':d': true, ':one': 1 } : { ':d': false },
      }),
    );
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') throw notFound('用户');
    throw e;
  }
}
