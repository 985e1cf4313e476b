/**
 * Rate limits as conditional counters (issue 14: public objections, per phone and per IP):
 *
 *   PK `RATE#<scope>#<who>`  SK `<window>`  { count, expiresAt }
 *
 * `who` is always a keyed hash (never a phone number or an IP address in clear); the window
 * is a local date, and the table's TTL removes the counter two days later. The counter is
 * raised under `count < max` in the same transaction as the write it limits, so concurrent
 * requests cannot pass it and a refused write raises nothing.
 */
import { DomainError } from '../../shared/errors';
import { tableName, type TransactItem } from './table';

const TTL_SECONDS = 2 * 24 * 3600;

export function rateLimitItem(o: {
  scope: string;
  who: string;
  window: string;
  max: number;
  nowMs: number;
  /** details.reason of the refusal */
  reason: string;
}): { item: TransactItem; onConditionFailed: () => DomainError } {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: { PK: `RATE#${o.scope}#${o.who}`, SK: o.window },
        UpdateExpression: 'SET #k = :kind, expiresAt = :exp ADD #c :one',
        ConditionExpression: 'attribute_not_exists(#c) OR #c < :max',
        ExpressionAttributeNames: { '#k': 'kind', '#c': 'count' },
        ExpressionAttributeValues: {
          ':kind': 'rate-limit',
          ':exp': Math.floor(o.nowMs / 1000) + TTL_SECONDS,
          ':one': 1,
          ':max': o.max,
        },
      },
    },
    onConditionFailed: () =>
      new DomainError('RATE_LIMITED', '提交过于频繁，请明天再试', {
        reason: o.reason,
        max: o.max,
      }),
  };
}
