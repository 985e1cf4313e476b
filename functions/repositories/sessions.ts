/**
 * Refresh-token families (functions/_lib/session.ts). `REFRESH#<familyId>` holds the hash of
 * the family's current secret, its user and the session version it was issued at; the table's
 * TTL (`expiresAt`, epoch seconds) removes it when it lapses. Rotation is one conditional
 * update on the current hash, so two requests presenting the same secret cannot both win.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UserId } from '../../shared/ids';
import { db, tableName } from './table';

export interface RefreshFamily {
  familyId: string;
  userId: UserId;
  sessionVersion: number;
  secretHash: string;
  /** epoch seconds */
  expiresAt: number;
}

const key = (familyId: string) => ({ PK: `REFRESH#${familyId}`, SK: 'A' });

export async function putRefreshFamily(f: RefreshFamily): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...key(f.familyId),
        kind: 'refresh-family',
        userId: f.userId,
        sessionVersion: f.sessionVersion,
        secretHash: f.secretHash,
        expiresAt: f.expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function findRefreshFamily(familyId: string): Promise<RefreshFamily | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(familyId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    familyId,
    userId: Item.userId as UserId,
    sessionVersion: Number(Item.sessionVersion),
    secretHash: String(Item.secretHash),
    expiresAt: Number(Item.expiresAt),
  };
}

/** Replaces the family's secret if it still is `fromHash`; false when another request rotated it first. */
export async function rotateRefreshFamily(
  familyId: string,
  fromHash: string,
  toHash: string,
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(familyId),
        UpdateExpression: 'SET secretHash = :to',
        ConditionExpression: 'secretHash = :from',
        ExpressionAttributeValues: { ':from': fromHash, ':to': toHash },
      }),
    );
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
