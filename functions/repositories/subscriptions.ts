/**
 * "有新政策时提醒我" (issue #17): a subject's subscription to new policies, an item in the
 * subject's partition. Written once (a conditional put: a second tap changes nothing); the
 * notices worker reads it when a policy is published (DESIGN §8).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../shared/calendar';
import type { SubjectId, UserId } from '../../shared/ids';
import { subjectPk } from './subjects';
import { db, tableName } from './table';

export const NEW_POLICY_TOPIC = 'new_policy';
const sk = (topic: string) => `SUBSCRIPTION#${topic}`;

export interface Subscription {
  subjectId: SubjectId;
  topic: typeof NEW_POLICY_TOPIC;
  by: UserId;
  at: Instant;
}

/** Records the subscription; true when it is new, false when the subject already had it. */
export async function putSubscription(s: Subscription): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { PK: subjectPk(s.subjectId), SK: sk(s.topic), kind: 'subscription', ...s },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (e) {
    if (
      e instanceof ConditionalCheckFailedException ||
      (e as { name?: string } | null)?.name === 'ConditionalCheckFailedException'
    )
      return false;
    throw e;
  }
}

export async function findSubscription(
  subjectId: SubjectId,
  topic: typeof NEW_POLICY_TOPIC = NEW_POLICY_TOPIC,
): Promise<Subscription | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: { PK: subjectPk(subjectId), SK: sk(topic) } }),
  );
  return Item
    ? {
        subjectId,
        topic,
        by: Item.by as UserId,
        at: Item.at as Instant,
      }
    : undefined;
}
