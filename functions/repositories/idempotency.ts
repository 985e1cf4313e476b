/**
 * Idempotency records for HTTP writes (DESIGN §8 `Idempotency-Key`), keyed on
 * (user, operation scope, key). The record is written in the SAME transaction as the
 * change it guards, with the response it produced; a retry finds it and gets that
 * response back, a concurrent duplicate loses the conditional write. Records expire
 * through the table's TTL (`expiresAt`, epoch seconds) after 24 hours.
 *
 * Chosen over Powertools' makeIdempotent because the record must commit atomically with
 * the application (Powertools writes its record in a separate call, before and after),
 * and because concurrent duplicates must get the first response, not "in progress".
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import type { TransactItem } from './table';
import { db, tableName } from './table';

const TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyScope {
  userId: string;
  /** Operation and target, e.g. `create-application` or `decide:app_01…`. */
  scope: string;
  key: string;
}

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

const keyOf = (s: IdempotencyScope) => ({ PK: `IDEM#${s.userId}#${s.scope}#${s.key}`, SK: 'IDEM' });

export async function findIdempotencyRecord(
  s: IdempotencyScope,
): Promise<StoredResponse | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keyOf(s), ConsistentRead: true }),
  );
  if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 < Date.now()))
    return undefined;
  return {
    requestHash: Item.requestHash as string,
    status: Item.status as number,
    body: Item.response,
  };
}

/** Marker on the DUPLICATE raised when a concurrent request with the same key won. */
export const KEY_TAKEN = 'IDEMPOTENCY_KEY_TAKEN';

export function idempotencyItem(
  s: IdempotencyScope,
  r: StoredResponse,
): { item: TransactItem; onConditionFailed: () => DomainError } {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keyOf(s),
          kind: 'idempotency',
          requestHash: r.requestHash,
          status: r.status,
          response: r.body,
          // TTL runs on real time, never on the (possibly shifted) business clock
          expiresAt: Math.floor(Date.now() / 1000) + TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () => new DomainError('DUPLICATE', '重复请求', { reason: KEY_TAKEN }),
  };
}
