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
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import type { SubjectId, UserId } from '../../shared/ids';
import type { Subject } from '../../shared/subject';
import type { User } from '../../shared/user';
import { db, eventSk, queryAll, tableName, transact, type TransactItem } from './table';
import { subjectPk } from './subjects';

const holderKey = (id: SubjectId) => ({ PK: subjectPk(id), SK: 'HOLDER' });
const failKey = (openId: string, day: string) => ({ PK: `BINDFAIL#${openId}`, SK: day });

export async function failedVerifications(openId: string, day: string): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: failKey(openId, day), ConsistentRead: true }),
  );
  return typeof Item?.count === 'number' ? Item.count : 0;
}

export async function recordFailedVerification(
  openId: string,
  day: string,
  expiresAt: number,
): Promise<number> {
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
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: holderKey(subjectId) }),
  );
  return Item ? (Item.userId as UserId) : undefined;
}

/** The seed's demo residents hold their subjects like a bound user would. */
export async function putHolder(subjectId: SubjectId, userId: UserId): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...holderKey(subjectId), kind: 'subject-holder', userId },
    }),
  );
}

export type BindEvent =
  | { type: 'ResidentBound'; at: string; userId: UserId; subjectId: SubjectId }
  | { type: 'EnterpriseBound'; at: string; userId: UserId; subjectId: SubjectId }
  | { type: 'OperatorJoined'; at: string; userId: UserId; subjectId: SubjectId; invitedBy: UserId };

export interface MemberRecord {
  userId: UserId;
  name: string;
  memberRole: 'manager' | 'operator';
  phone?: string;
  openId: string;
  since: string;
}

export interface Binding {
  user: Extract<User, { role: 'applicant' }>;
  openId: string;
  /** the user becomes the subject's single holder (a resident, an enterprise's legal representative) */
  holds: boolean;
  /** present when the subject is new: it is created with the binding */
  newSubject?: Subject;
  /** an enterprise's member record (manager or operator) */
  member?: MemberRecord;
  /** the invite the operator redeems: spent in the same transaction */
  invite?: { code: string; nowSeconds: number };
  event: BindEvent;
}

const alreadyBound = () =>
  new DomainError('DUPLICATE', '该微信账号已绑定，请直接登录', { reason: 'ALREADY_BOUND' });
export const inviteInvalid = () =>
  new DomainError('NOT_FOUND', '邀请码无效、已使用或已过期，请向企业负责人索取新的邀请码', {
    reason: 'INVITE_INVALID',
  });
const memberKey = (subjectId: SubjectId, userId: UserId) => ({
  PK: subjectPk(subjectId),
  SK: `MEMBER#${userId}`,
});
const inviteKey = (code: string) => ({
  PK: `INVITE#${createHash('sha256').update(`zhida-invite:${code}`).digest('hex')}`,
  SK: 'A',
});

/** One transaction: openid pointer, holder, user, first event, new subject, member record, spent invite. */
export async function saveBinding(b: Binding): Promise<void> {
  const table = tableName();
  const userPk = `USER#${b.user.id}`;
  const items: { item: TransactItem; fails: () => DomainError }[] = [
    {
      item: {
        Put: {
          TableName: table,
          Item: { PK: `OPENID#${b.openId}`, SK: 'A', kind: 'wechat-binding', userId: b.user.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      fails: alreadyBound,
    },
  ];
  if (b.holds) {
    const enterprise = b.member !== undefined;
    items.push({
      item: {
        Put: {
          TableName: table,
          Item: { ...holderKey(b.user.subjectId), kind: 'subject-holder', userId: b.user.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      fails: () =>
        enterprise
          ? new DomainError(
              'DUPLICATE',
              '该企业已由法定代表人完成绑定；如需加入，请向企业负责人索取邀请码',
              { reason: 'ENTERPRISE_ALREADY_BOUND' },
            )
          : new DomainError(
              'DUPLICATE',
              '该身份证号已被其他微信账号绑定；如非本人操作，请联系窗口工作人员',
              { reason: 'ID_ALREADY_BOUND' },
            ),
    });
  }
  const race = () =>
    new DomainError('CONFLICT', '绑定时数据发生变化，请重试', { reason: 'BIND_RACE' });
  items.push(
    {
      item: {
        Put: {
          TableName: table,
          Item: { PK: userPk, SK: 'A', kind: 'user', user: b.user, sessionVersion: 0 },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      fails: race,
    },
    {
      item: {
        Put: {
          TableName: table,
          Item: { PK: userPk, SK: eventSk(1, 0), kind: 'event', event: { ...b.event, version: 1 } },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      fails: race,
    },
  );
  if (b.newSubject) {
    items.push({
      item: {
        Put: {
          TableName: table,
          Item: {
            PK: subjectPk(b.newSubject.id),
            SK: 'PROFILE',
            kind: 'subject',
            subject: b.newSubject,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      fails: race,
    });
  }
  if (b.member) {
    items.push({
      item: {
        Put: {
          TableName: table,
          Item: { ...memberKey(b.user.subjectId, b.user.id), kind: 'member', ...b.member },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      fails: race,
    });
  }
  if (b.invite) {
    items.push({
      item: {
        Update: {
          TableName: table,
          Key: inviteKey(b.invite.code),
          UpdateExpression: 'SET usedBy = :u',
          ConditionExpression:
            'attribute_exists(PK) AND subjectId = :s AND expiresAt > :now AND attribute_not_exists(usedBy)',
          ExpressionAttributeValues: {
            ':u': b.user.id,
            ':s': b.user.subjectId,
            ':now': b.invite.nowSeconds,
          },
        },
      },
      fails: inviteInvalid,
    });
  }
  await transact(
    items.map((i) => i.item),
    (index) => items[index]?.fails() ?? race(),
  );
}

export interface Invite {
  subjectId: SubjectId;
  createdBy: UserId;
  /** epoch seconds (the table's TTL attribute) */
  expiresAt: number;
  usedBy?: UserId;
}

export async function putInvite(code: string, invite: Invite): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...inviteKey(code),
        kind: 'invite',
        subjectId: invite.subjectId,
        createdBy: invite.createdBy,
        expiresAt: invite.expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function findInvite(code: string): Promise<Invite | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: inviteKey(code), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    subjectId: Item.subjectId as SubjectId,
    createdBy: Item.createdBy as UserId,
    expiresAt: Number(Item.expiresAt),
    ...(Item.usedBy ? { usedBy: Item.usedBy as UserId } : {}),
  };
}

export async function listMembers(subjectId: SubjectId): Promise<MemberRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
    ExpressionAttributeValues: { ':pk': subjectPk(subjectId), ':m': 'MEMBER#' },
  });
  return items.map((i) => ({
    userId: i.userId as UserId,
    name: String(i.name),
    memberRole: i.memberRole as MemberRecord['memberRole'],
    ...(typeof i.phone === 'string' ? { phone: i.phone } : {}),
    openId: String(i.openId),
    since: String(i.since),
  }));
}

/** The seed's demo enterprise accounts appear as their enterprise's managers. */
export async function putMember(subjectId: SubjectId, m: MemberRecord): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...memberKey(subjectId, m.userId), kind: 'member', ...m },
    }),
  );
}

export async function findMember(
  subjectId: SubjectId,
  userId: UserId,
): Promise<MemberRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: memberKey(subjectId, userId),
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  return {
    userId,
    name: String(Item.name),
    memberRole: Item.memberRole as MemberRecord['memberRole'],
    openId: String(Item.openId),
    since: String(Item.since),
    ...(typeof Item.phone === 'string' ? { phone: Item.phone } : {}),
  };
}

/**
 * Removes an operator in one transaction: the user's session version is bumped (its tokens
 * die at once, 401 SESSION_REVOKED) and it is marked removed, the member record and the WeChat pointer are deleted (the person
 * may be invited again, as a new user), and the event is recorded.
 */
export async function saveOperatorRemoval(
  m: MemberRecord,
  subjectId: SubjectId,
  event: {
    type: 'OperatorRemoved';
    at: string;
    userId: UserId;
    subjectId: SubjectId;
    removedBy: UserId;
  },
): Promise<void> {
  const table = tableName();
  const gone = () =>
    new DomainError('NOT_FOUND', '经办人不存在或已被移除', { reason: 'OPERATOR_NOT_FOUND' });
  await transact(
    [
      {
        Update: {
          TableName: table,
          Key: { PK: `USER#${m.userId}`, SK: 'A' },
          UpdateExpression: 'SET removedAt = :at ADD sessionVersion :one',
          ConditionExpression: '#u.subjectId = :s AND #u.memberRole = :op',
          ExpressionAttributeNames: { '#u': 'user' },
          ExpressionAttributeValues: {
            ':at': event.at,
            ':one': 1,
            ':s': subjectId,
            ':op': 'operator',
          },
        },
      },
      {
        Delete: {
          TableName: table,
          Key: memberKey(subjectId, m.userId),
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      {
        Delete: {
          TableName: table,
          Key: { PK: `OPENID#${m.openId}`, SK: 'A' },
          ConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': m.userId },
        },
      },
      {
        Put: {
          TableName: table,
          Item: {
            PK: `USER#${m.userId}`,
            SK: eventSk(2, 0),
            kind: 'event',
            event: { ...event, version: 2 },
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ],
    gone,
  );
}
