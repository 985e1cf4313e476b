/**
 * Bindings between WeChat users and subjects (issue 12).
 *
 * - `SUBJ#<id> / HOLDER` names the one user a resident subject is bound to: written once,
 *   conditionally, so one ID number never binds two WeChat accounts.
 * - `BINDFAIL#<openid> / <YYYY-MM-DD>` counts a WeChat user's failed verifications on a
 *   day (Asia/Shanghai); the table's TTL (`expiresAt`) removes it two days later.
 * - A binding creates the user, its openid pointer, the holder record, the subject when it
 *   is new, and the user's first audit event in one transaction: nothing is half-bound.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import type { SubjectId, UserId } from '../../shared/ids';
import type { Subject } from '../../shared/subject';
import type { User } from '../../shared/user';
import { eventSk, tableName, transact, db, type TransactItem } from './table';
import { subjectPk } from './subjects';

const holderKey = (id: SubjectId) => ({ PK: subjectPk(id), SK: 'HOLDER' });
const failKey = (openId: string, day: string) => ({ PK: `BINDFAIL#${openId}`, SK: day });

export async function failedVerifications(openId: string, day: string): Promise<number> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: failKey(openId, day), ConsistentRead: true }));
  return typeof Item?.count === 'number' ? Item.count : 0;
}

export async function recordFailedVerification(openId: string, day: string, expiresAt: number): Promise<number> {
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: failKey(openId, day),
      UpdateExpression: 'ADD #c :one SET kind = :k, expiresAt = :exp',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':k': 'bind-failures', ':exp': expiresAt },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.count ?? 0);
}

export async function findHolder(subjectId: SubjectId): Promise<UserId | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: holderKey(subjectId) }));
  return Item ? (Item.userId as UserId) : undefined;
}

/** The seed's demo residents hold their subjects like a bound user would. */
export async function putHolder(subjectId: SubjectId, userId: UserId): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...holderKey(subjectId), kind: 'subject-holder', userId } }));
}

export interface ResidentBinding {
  user: Extract<User, { role: 'applicant' }>;
  openId: string;
  /** present when the subject is new: it is created with the binding */
  newSubject?: Subject;
  event: { type: 'ResidentBound'; at: string; userId: UserId; subjectId: SubjectId };
}

export async function saveResidentBinding(b: ResidentBinding): Promise<void> {
  const table = tableName();
  const userPk = `USER#${b.user.id}`;
  const items: TransactItem[] = [
    { Put: { TableName: table, Item: { PK: `OPENID#${b.openId}`, SK: 'A', kind: 'wechat-binding', userId: b.user.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: table, Item: { ...holderKey(b.user.subjectId), kind: 'subject-holder', userId: b.user.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: table, Item: { PK: userPk, SK: 'A', kind: 'user', user: b.user, sessionVersion: 0 }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: table, Item: { PK: userPk, SK: eventSk(1, 0), kind: 'event', event: { ...b.event, version: 1 } }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
  if (b.newSubject) {
    items.push({ Put: { TableName: table, Item: { PK: subjectPk(b.newSubject.id), SK: 'PROFILE', kind: 'subject', subject: b.newSubject }, ConditionExpression: 'attribute_not_exists(PK)' } });
  }
  await transact(items, (index) => {
    if (index === 0) return new DomainError('DUPLICATE', '该微信账号已绑定，请直接登录', { reason: 'ALREADY_BOUND' });
    if (index === 1) return new DomainError('DUPLICATE', '该身份证号已被其他微信账号绑定；如非本人操作，请联系窗口工作人员', { reason: 'ID_ALREADY_BOUND' });
    return new DomainError('CONFLICT', '绑定时数据发生变化，请重试', { reason: 'BIND_RACE' });
  });
}
