/**
 * Users and their WeChat bindings. `USER#<id>` holds the user; `OPENID#<openid>` points a
 * WeChat identity at it (written once, conditionally, so one openid never maps to two users).
 * Demo users carry `dev: true` and are the only ones the local dev login lists.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { UserId } from '../../shared/ids';
import { User } from '../../shared/user';
import { db, tableName } from './table';

const userKey = (id: UserId) => ({ PK: `USER#${id}`, SK: 'A' });
const DEV_USERS = 'DEVUSERS';

export async function putUser(user: User, o: { dev?: boolean } = {}): Promise<void> {
  const dev = o.dev ? { statusPk: DEV_USERS, statusSk: user.id } : {};
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...userKey(user.id), kind: 'user', user, ...dev } }));
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
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `OPENID#${openId}`, SK: 'A' } }));
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
    if ((e as Error).name === 'ConditionalCheckFailedException') throw new DomainError('DUPLICATE', '该微信账号已绑定其他用户');
    throw e;
  }
}
