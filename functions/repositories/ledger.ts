/**
 * Budget ledger, one item per policy (DESIGN §5): totalFen = remainingFen + reservedFen + paidFen,
 * always, to the fen. DynamoDB conditions cannot do arithmetic, so `remainingFen` is stored
 * rather than derived; every movement updates two counters in one expression.
 *
 * Reserving is never a write of its own: `reserve()` returns a transaction item that the
 * caller puts in the same transaction as the item's move to `payable` (saveAggregate's
 * `with`), conditioned on `remainingFen >= amount`. Fifty concurrent approvals against a
 * budget for ten therefore leave exactly ten payable: the others' transactions fail the
 * condition (BUDGET_EXHAUSTED) or conflict and are retried.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import type { PolicyId } from '../../shared/ids';
import { fen, type Fen } from '../../shared/money';
import { db, tableName, type TransactItem } from './table';

const key = (policyId: PolicyId) => ({ PK: `LEDGER#${policyId}`, SK: 'LEDGER' });

export interface Budget {
  policyId: PolicyId;
  totalFen: Fen;
  reservedFen: Fen;
  paidFen: Fen;
  remainingFen: Fen;
}

export const budgetExhausted = (policyId: PolicyId, amountFen: number) =>
  new DomainError('BUDGET_EXHAUSTED', '该政策资金预算已用完，暂无法拨付', { policyId, amountFen });

/** Opens a policy's budget once; later calls (every schedule run) change nothing. */
export async function openBudget(policyId: PolicyId, totalFen: Fen): Promise<'opened' | 'existed'> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key(policyId),
          kind: 'ledger',
          policyId,
          totalFen,
          reservedFen: 0,
          paidFen: 0,
          remainingFen: totalFen,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return 'opened';
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return 'existed';
    throw e;
  }
}

/** 追加预算: raises total and remaining together. */
export async function addBudget(policyId: PolicyId, amountFen: Fen): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(policyId),
      UpdateExpression: 'ADD totalFen :a, remainingFen :a',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':a': amountFen },
    }),
  );
}

export async function getBudget(policyId: PolicyId): Promise<Budget | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(policyId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    policyId,
    totalFen: fen(Item.totalFen as number),
    reservedFen: fen(Item.reservedFen as number),
    paidFen: fen(Item.paidFen as number),
    remainingFen: fen(Item.remainingFen as number),
  };
}

function move(
  policyId: PolicyId,
  expression: string,
  condition: string,
  amountFen: Fen,
  onFailed: () => DomainError,
) {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new RangeError(`ledger amount must be a positive integer: ${amountFen}`);
  const item: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: key(policyId),
      UpdateExpression: expression,
      ConditionExpression: `attribute_exists(PK) AND ${condition}`,
      ExpressionAttributeValues: { ':a': amountFen, ':neg': -(amountFen as number) },
    },
  };
  return { item, onConditionFailed: onFailed };
}

/** remaining → reserved, only if remaining covers it (BUDGET_EXHAUSTED otherwise, or when no budget is open). */
export const reserve = (policyId: PolicyId, amountFen: Fen) =>
  move(policyId, 'ADD remainingFen :neg, reservedFen :a', 'remainingFen >= :a', amountFen, () =>
    budgetExhausted(policyId, amountFen),
  );

/** reserved → paid, in the transaction that settles the payment as paid. */
export const spend = (policyId: PolicyId, amountFen: Fen) =>
  move(
    policyId,
    'ADD reservedFen :neg, paidFen :a',
    'reservedFen >= :a',
    amountFen,
    () => new DomainError('CONFLICT', '预算台账与拨付记录不一致', { policyId, amountFen }),
  );

/** reserved → remaining, when a reserved item is cancelled for good. */
export const release = (policyId: PolicyId, amountFen: Fen) =>
  move(
    policyId,
    'ADD reservedFen :neg, remainingFen :a',
    'reservedFen >= :a',
    amountFen,
    () => new DomainError('CONFLICT', '预算台账与拨付记录不一致', { policyId, amountFen }),
  );

/** paid → remaining, when paid money is recovered (追回): it returns to the budget line. */
export const refund = (policyId: PolicyId, amountFen: Fen) =>
  move(
    policyId,
    'ADD paidFen :neg, remainingFen :a',
    'paidFen >= :a',
    amountFen,
    () => new DomainError('CONFLICT', '预算台账与追回记录不一致', { policyId, amountFen }),
  );
