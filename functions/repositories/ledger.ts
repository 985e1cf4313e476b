/**
 * Budget lines (专账), one per policy and fiscal year (DESIGN §5, §12; shared/budget.ts):
 * totalFen (allocated) = remainingFen + reservedFen + paidFen, always, to the fen. DynamoDB
 * conditions cannot do arithmetic, so `remainingFen` is stored rather than derived; every
 * movement updates two counters in one expression.
 *
 *   PK `LEDGER#<policyId>`  SK `LINE#<year>`                  the line: counters, and the policy
 *                                                             budget it was opened from
 *                                                             (openedFen, openedVersion)
 *   PK `LEDGER#<policyId>`  SK `LINE#<year>#J#<at>#<tag>`     its journal, append-only: opening,
 *                                                             policy budget changes, top-ups,
 *                                                             cuts, transfers
 *   byStatus `BUDGET_LINES` / `<policyId>#<year>`             every line, for the list
 *
 * One Query (`begins_with(SK, 'LINE#<year>')`) returns a line with its journal.
 *
 * Reserving is never a write of its own: `reserve()` returns a transaction item that the
 * caller puts in the same transaction as the item's move to `payable` (saveAggregate's
 * `with`), conditioned on `remainingFen >= amount`. Fifty concurrent approvals against a
 * budget for ten therefore leave exactly ten payable: the others' transactions fail the
 * condition (BUDGET_EXHAUSTED) or conflict and are retried. The line is the item's fiscal
 * year's (shared/budget.ts), and spend / release / refund move the same line.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { noSuchLine, requireUncommitted, type BudgetLineRef } from '../../shared/budget';
import { instantOf, type Instant } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { PolicyId } from '../../shared/ids';
import type { JournalEntry } from '../../shared/lifecycle/budget-change';
import { fen, type Fen } from '../../shared/money';
import { now as clockNow } from '../_lib/clock';
import {
  db,
  queryAll,
  tableName,
  transact,
  type Item,
  type RawItem,
  type TransactItem,
} from './table';

const linePk = (policyId: PolicyId) => `LEDGER#${policyId}`;
const lineSk = (fiscalYear: number) => `LINE#${String(fiscalYear)}`;
const key = (policyId: PolicyId, fiscalYear: number) => ({
  PK: linePk(policyId),
  SK: lineSk(fiscalYear),
});
const journalKey = (e: JournalEntry, tag: string) => ({
  PK: linePk(e.line.policyId),
  SK: `${lineSk(e.line.fiscalYear)}#J#${e.at}#${tag}`,
});
const LINES_PK = 'BUDGET_LINES';

export interface Budget {
  policyId: PolicyId;
  fiscalYear: number;
  totalFen: Fen;
  reservedFen: Fen;
  paidFen: Fen;
  remainingFen: Fen;
}

export const budgetExhausted = (policyId: PolicyId, fiscalYear: number, amountFen: number) =>
  new DomainError('BUDGET_EXHAUSTED', '该政策本年度资金预算已用完，暂无法拨付', {
    policyId,
    fiscalYear,
    amountFen,
  });

function budgetOf(i: Item): Budget {
  return {
    policyId: i.policyId as PolicyId,
    fiscalYear: i.fiscalYear as number,
    totalFen: fen(i.totalFen as number),
    reservedFen: fen(i.reservedFen as number),
    paidFen: fen(i.paidFen as number),
    remainingFen: fen(i.remainingFen as number),
  };
}

function journalPut(e: JournalEntry, tag: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...journalKey(e, tag), kind: 'budget_journal', entry: e },
      ConditionExpression: 'attribute_not_exists(PK)', // append-only
    },
  };
}

export type OpenOutcome = 'opened' | 'existed' | 'updated' | 'refused';

/**
 * Opens a policy's line for a fiscal year at the policy version's budget, with its opening
 * journal entry. Called on every schedule run: a line already open from this policy version
 * (or a later one) changes nothing. A NEWER version whose budget differs moves the line's
 * allocation by the difference (journal kind `policy_budget`), keeping every top-up, cut and
 * transfer made since; a decrease below what is committed is refused ('refused', nothing
 * written). Before issue #11 an open ledger was never updated, so a new budget needed a
 * code change.
 */
export async function openBudget(
  policyId: PolicyId,
  fiscalYear: number,
  totalFen: Fen,
  o: { policyVersion?: number; at?: Instant } = {},
): Promise<OpenOutcome> {
  const version = o.policyVersion ?? 1;
  const at = o.at ?? instantOf(clockNow());
  const line = { policyId, fiscalYear };
  const opening: JournalEntry = {
    line,
    deltaFen: totalFen,
    kind: 'opening',
    reason: `政策预算（第${String(version)}版）`,
    at,
  };
  const opened = await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...key(policyId, fiscalYear),
            kind: 'budget_line',
            policyId,
            fiscalYear,
            totalFen,
            reservedFen: 0,
            paidFen: 0,
            remainingFen: totalFen,
            openedFen: totalFen,
            openedVersion: version,
            statusPk: LINES_PK,
            statusSk: `${policyId}#${String(fiscalYear)}`,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      journalPut(opening, 'open'),
    ],
    () => new DomainError('DUPLICATE', '预算线已存在'),
  ).then(
    () => true,
    (e: unknown) => {
      if (e instanceof DomainError && e.code === 'DUPLICATE') return false;
      throw e;
    },
  );
  if (opened) return 'opened';
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: key(policyId, fiscalYear),
      ConsistentRead: true,
    }),
  );
  if (!Item) return 'existed';
  const openedVersion = (Item.openedVersion as number | undefined) ?? 1;
  const openedFen = (Item.openedFen as number | undefined) ?? (Item.totalFen as number);
  if (openedVersion >= version || openedFen === totalFen) return 'existed';
  const delta = totalFen - openedFen;
  try {
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: key(policyId, fiscalYear),
            UpdateExpression:
              'ADD totalFen :d, remainingFen :d SET openedFen = :t, openedVersion = :v',
            ConditionExpression:
              delta < 0 ? 'openedVersion < :v AND remainingFen >= :cut' : 'openedVersion < :v',
            ExpressionAttributeValues: {
              ':d': delta,
              ':t': totalFen,
              ':v': version,
              ...(delta < 0 ? { ':cut': -delta } : {}),
            },
          },
        },
        journalPut(
          {
            line,
            deltaFen: delta,
            kind: 'policy_budget',
            reason: `政策预算调整为第${String(version)}版（${String(openedFen)} → ${String(totalFen)} 分）`,
            at,
          },
          `v${String(version)}`,
        ),
      ],
      () => new DomainError('CONFLICT', '预算线已变化'),
    );
    return 'updated';
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CONFLICT') {
      const again = await getBudget(policyId, fiscalYear);
      if (again && delta < 0 && again.remainingFen < -delta) return 'refused';
      return 'existed';
    }
    throw e;
  }
}

/** A line's figures, or undefined when the line was never opened. */
export async function getBudget(
  policyId: PolicyId,
  fiscalYear: number,
): Promise<Budget | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: key(policyId, fiscalYear),
      ConsistentRead: true,
    }),
  );
  return Item ? budgetOf(Item) : undefined;
}

/** Every line of every policy (the byStatus index: eventually consistent, for lists). */
export async function listBudgetLines(): Promise<Budget[]> {
  const items = await queryAll({
    IndexName: 'byStatus',
    KeyConditionExpression: 'statusPk = :p',
    ExpressionAttributeValues: { ':p': LINES_PK },
  });
  return items.map(budgetOf);
}

/** The lines of one policy, oldest year first (strongly consistent: the stats read it). */
export async function budgetLinesOf(policyId: PolicyId): Promise<Budget[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :l)',
    ExpressionAttributeValues: { ':pk': linePk(policyId), ':l': 'LINE#' },
    ConsistentRead: true,
  });
  return items.filter((i) => i.kind === 'budget_line').map(budgetOf);
}

/** Per open line of a policy: the policy budget and version it was opened from (for openBudget's callers to skip what is current). */
export async function lineOpenings(
  policyId: PolicyId,
): Promise<Map<number, { openedFen: number; openedVersion: number }>> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :l)',
    FilterExpression: '#k = :line',
    ExpressionAttributeNames: { '#k': 'kind' },
    ExpressionAttributeValues: { ':pk': linePk(policyId), ':l': 'LINE#', ':line': 'budget_line' },
    ConsistentRead: true,
  });
  return new Map(
    items.map((i) => [
      i.fiscalYear as number,
      {
        openedFen: (i.openedFen as number | undefined) ?? (i.totalFen as number),
        openedVersion: (i.openedVersion as number | undefined) ?? 1,
      },
    ]),
  );
}

/** A line and its journal, oldest entry first. */
export async function lineWithJournal(
  policyId: PolicyId,
  fiscalYear: number,
): Promise<{ line: Budget; journal: JournalEntry[] } | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :l)',
      ExpressionAttributeValues: { ':pk': linePk(policyId), ':l': lineSk(fiscalYear) },
      ConsistentRead: true,
    }),
  );
  let items = out.Items ?? [];
  if (out.LastEvaluatedKey) {
    items = await queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :l)',
      ExpressionAttributeValues: { ':pk': linePk(policyId), ':l': lineSk(fiscalYear) },
      ConsistentRead: true,
    });
  }
  const lineItem = items.find((i) => i.kind === 'budget_line');
  if (!lineItem) return undefined;
  return {
    line: budgetOf(lineItem),
    journal: items.filter((i) => i.kind === 'budget_journal').map((i) => i.entry as JournalEntry),
  };
}

/**
 * The writes an approved budget change makes, for the change's own transaction: each line
 * moves by its entry's delta (a negative one only while remainingFen covers it: never below
 * what is committed) and the entry is appended to its journal.
 */
export function journalWrites(
  entries: readonly JournalEntry[],
): { item: TransactItem; onConditionFailed: (old?: RawItem) => DomainError }[] {
  return entries.flatMap((e) => {
    const ref: BudgetLineRef = e.line;
    const cut = e.deltaFen < 0;
    const move = {
      item: {
        Update: {
          TableName: tableName(),
          Key: key(ref.policyId, ref.fiscalYear),
          UpdateExpression: 'ADD totalFen :d, remainingFen :d',
          ConditionExpression: cut
            ? 'attribute_exists(PK) AND remainingFen >= :cut'
            : 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':d': e.deltaFen, ...(cut ? { ':cut': -e.deltaFen } : {}) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      } as TransactItem,
      onConditionFailed: (old?: RawItem): DomainError => {
        if (!old) return noSuchLine(ref);
        try {
          requireUncommitted(
            {
              ...ref,
              allocatedFen: fen(Number(old.totalFen?.N ?? 0)),
              reservedFen: fen(Number(old.reservedFen?.N ?? 0)),
              paidFen: fen(Number(old.paidFen?.N ?? 0)),
              remainingFen: fen(Number(old.remainingFen?.N ?? 0)),
            },
            -e.deltaFen,
          );
        } catch (err) {
          if (err instanceof DomainError) return err;
        }
        return new DomainError('CONFLICT', '预算线已变化，请刷新后重试');
      },
    };
    const journal = {
      item: journalPut(e, `${e.changeId ?? 'x'}#${e.deltaFen < 0 ? 'out' : 'in'}`),
      onConditionFailed: () => new DomainError('CONFLICT', '预算调整已记账'),
    };
    return [move, journal];
  });
}

function move(
  policyId: PolicyId,
  fiscalYear: number,
  expression: string,
  condition: string,
  amountFen: Fen,
  onFailed: () => DomainError,
) {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new RangeError(`ledger amount must be a positive integer: ${String(amountFen)}`);
  const item: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: key(policyId, fiscalYear),
      UpdateExpression: expression,
      ConditionExpression: `attribute_exists(PK) AND ${condition}`,
      ExpressionAttributeValues: { ':a': amountFen, ':neg': 0 - amountFen },
    },
  };
  return { item, onConditionFailed: onFailed };
}

/** remaining → reserved, only if remaining covers it (BUDGET_EXHAUSTED otherwise, or when the year's line is not open). */
export const reserve = (policyId: PolicyId, fiscalYear: number, amountFen: Fen) =>
  move(
    policyId,
    fiscalYear,
    'ADD remainingFen :neg, reservedFen :a',
    'remainingFen >= :a',
    amountFen,
    () => budgetExhausted(policyId, fiscalYear, amountFen),
  );

/** reserved → paid, in the transaction that settles the payment as paid. */
export const spend = (policyId: PolicyId, fiscalYear: number, amountFen: Fen) =>
  move(
    policyId,
    fiscalYear,
    'ADD reservedFen :neg, paidFen :a',
    'reservedFen >= :a',
    amountFen,
    () =>
      new DomainError('CONFLICT', '预算台账与拨付记录不一致', { policyId, fiscalYear, amountFen }),
  );

/** reserved → remaining, when a reserved item is cancelled for good. */
export const release = (policyId: PolicyId, fiscalYear: number, amountFen: Fen) =>
  move(
    policyId,
    fiscalYear,
    'ADD reservedFen :neg, remainingFen :a',
    'reservedFen >= :a',
    amountFen,
    () =>
      new DomainError('CONFLICT', '预算台账与拨付记录不一致', { policyId, fiscalYear, amountFen }),
  );

/** paid → remaining, when paid money is recovered (追回): it returns to the budget line. */
export const refund = (policyId: PolicyId, fiscalYear: number, amountFen: Fen) =>
  move(
    policyId,
    fiscalYear,
    'ADD paidFen :neg, remainingFen :a',
    'paidFen >= :a',
    amountFen,
    () =>
      new DomainError('CONFLICT', '预算台账与追回记录不一致', { policyId, fiscalYear, amountFen }),
  );
