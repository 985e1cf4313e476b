/**
 * Budget changes (专账 top-ups, cuts, transfers; shared/lifecycle/budget-change.ts): the only
 * code that knows their keys.
 *
 *   PK `BUDGETCHANGE#<id>`  SK `STATE`       the change (versioned)
 *   PK `BUDGETCHANGE#<id>`  SK `EV#<v>#<i>`  its events, append-only (the audit trail)
 *   byStatus `BUDGETCHANGE#<status>` / `<requestedAt>#<id>`   changes by status, oldest first
 *
 * Approving saves the change together with the line moves and journal entries
 * (repositories/ledger.ts `journalWrites`) in one transaction: the allocation never moves
 * without its journal entry and its approval, and a line that cannot take a cut any more
 * (money reserved meanwhile) fails the whole approval.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../shared/errors';
import type {
  BudgetChange,
  BudgetChangeEvent,
  BudgetChangeId,
  BudgetChangeStatus,
} from '../../shared/lifecycle/budget-change';
import { db, eventsOf, queryAll, saveAggregate, tableName, type SaveAggregate } from './table';

const key = (id: BudgetChangeId) => ({ PK: `BUDGETCHANGE#${id}`, SK: 'STATE' });
const statusPk = (s: BudgetChangeStatus) => `BUDGETCHANGE#${s}`;

export async function saveBudgetChange(
  next: BudgetChange,
  events: readonly BudgetChangeEvent[],
  expectedVersion: number | 'new',
  withItems: SaveAggregate<BudgetChange>['with'] = [],
): Promise<void> {
  await saveAggregate({
    key: key(next.id),
    next,
    indexAttributes: {
      kind: 'budget_change',
      statusPk: statusPk(next.status),
      statusSk: `${next.requestedAt}#${next.id}`,
    },
    expectedVersion,
    events,
    with: withItems,
  });
}

export async function getBudgetChange(id: BudgetChangeId): Promise<BudgetChange> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }),
  );
  if (!Item) throw notFound('预算调整申请');
  return Item.state as BudgetChange;
}

export const budgetChangeEvents = (id: BudgetChangeId) => eventsOf<BudgetChangeEvent>(key(id).PK);

/** Changes in a status, oldest first (byStatus index; admin-rate volumes, read whole). */
export async function listBudgetChanges(status: BudgetChangeStatus): Promise<BudgetChange[]> {
  const items = await queryAll({
    IndexName: 'byStatus',
    KeyConditionExpression: 'statusPk = :p',
    ExpressionAttributeValues: { ':p': statusPk(status) },
  });
  return items.map((i) => i.state as BudgetChange);
}
