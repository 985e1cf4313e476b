/**
 * Startup loans (minimal: what the quarterly 贴息 schedule needs) and their quarterly
 * interest payouts. The only code that knows their keys.
 *
 *   PK `LOAN#<id>`      SK `STATE` | `EV#…`   the loan (versioned) and its events
 *   PK `INTEREST#<id>`  SK `STATE` | `EV#…`   one payout per loan per quarter; the id is
 *                                            `interestRecordIdFor(loan, quarter)`, written
 *                                            with attribute_not_exists in the same transaction
 *                                            that records the quarter on the loan
 * Index attributes:
 * - bySubject  subjectPk `SUBJ#<subjectId>`, subjectSk `LOAN#<submittedAt>#<id>` / `INTEREST#<quarter>#<id>`
 * - byStatus   `LOAN#active` (sparse: the schedule's work list); `INTEREST#<status>` for
 *              payable / payment_failed / returned, due at the retry time
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { LoanId, SubjectId } from '../../shared/ids';
import type {
  InterestPayout,
  PayoutEvent,
  PayoutStatus,
} from '../../shared/lifecycle/interest-payout';
import type { Payee } from '../../shared/lifecycle/grant';
import type { Loan, LoanEvent } from '../../shared/lifecycle/loan';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import {
  db,
  eventSk,
  saveAggregate,
  tableName,
  type SaveAggregate,
  type TransactItem,
} from './table';

const loanKey = (id: LoanId) => ({ PK: `LOAN#${id}`, SK: 'STATE' });
export const payoutKey = (id: string) => ({ PK: `INTEREST#${id}`, SK: 'STATE' });
const subjectPk = (id: SubjectId) => `SUBJ#${id}`;

export interface LoanRecord {
  loan: Loan;
  /** the borrower's repayment account at the cooperating bank: where 贴息 is paid */
  repaymentAccount?: Payee;
}

function loanIndex(l: Loan, repaymentAccount?: Payee): Record<string, unknown> {
  return {
    kind: 'loan',
    repaymentAccount,
    subjectPk: subjectPk(l.subjectId),
    subjectSk: `LOAN#${l.submittedAt}#${l.id}`,
    ...(l.status === 'active'
      ? { statusPk: 'LOAN#active', statusSk: `${l.lentOn ?? ''}#${l.id}` }
      : {}),
  };
}

export async function saveLoan(
  next: Loan,
  events: readonly LoanEvent[],
  expectedVersion: number | 'new',
  o: { repaymentAccount?: Payee; with?: SaveAggregate<Loan>['with'] } = {},
): Promise<void> {
  await saveAggregate({
    key: loanKey(next.id),
    next,
    indexAttributes: loanIndex(next, o.repaymentAccount),
    expectedVersion,
    events,
    with: o.with,
  });
}

export async function findLoan(id: LoanId): Promise<LoanRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: loanKey(id), ConsistentRead: true }),
  );
  return Item
    ? { loan: Item.state as Loan, repaymentAccount: Item.repaymentAccount as Payee | undefined }
    : undefined;
}

export async function getLoan(id: LoanId): Promise<LoanRecord> {
  const r = await findLoan(id);
  if (!r) throw notFound('贷款');
  return r;
}

export async function listActiveLoans(cursor?: string, limit = 100): Promise<Page<LoanRecord>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p',
      ExpressionAttributeValues: { ':p': 'LOAN#active' },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, isKey, 'loans:active'),
    }),
  );
  const items = (out.Items ?? []).map((i) => ({
    loan: i.state as Loan,
    repaymentAccount: i.repaymentAccount as Payee | undefined,
  }));
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, 'loans:active') }
    : { items };
}

// ---- interest payouts -----------------------------------------------------------------

/** Due statuses (disburse reads them) and the operator's lists (awaiting_account, on_hold: never due). */
const SCHEDULED: readonly PayoutStatus[] = [
  'payable',
  'payment_failed',
  'returned',
  'awaiting_account',
  'on_hold',
];

function payoutIndex(p: InterestPayout, due: string): Record<string, unknown> {
  return {
    kind: 'interest-payout',
    subjectPk: subjectPk(p.subjectId),
    subjectSk: `INTEREST#${p.quarter}#${p.id}`,
    ...(SCHEDULED.includes(p.status)
      ? { statusPk: `INTEREST#${p.status}`, statusSk: `${due}#${p.id}` }
      : {}),
    retryAt: p.status === 'payable' ? undefined : due,
  };
}

/** Transaction items creating a payout (born payable); a second one for the same loan+quarter fails as DUPLICATE. */
export function payoutCreation(p: InterestPayout, events: readonly PayoutEvent[], now: string) {
  const duplicate = () => new DomainError('DUPLICATE', '本季度贴息已记录', { recordId: p.id });
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...payoutKey(p.id), ...payoutIndex(p, now), state: p, version: p.version },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    ...events.map((e, i) => ({
      Put: {
        TableName: tableName(),
        Item: { PK: payoutKey(p.id).PK, SK: eventSk(e.version, i), kind: 'event', event: e },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    })),
  ];
  return items.map((item) => ({ item, onConditionFailed: duplicate }));
}

export async function saveInterestPayout(
  next: InterestPayout,
  events: readonly PayoutEvent[],
  expectedVersion: number,
  o: { due: string; with?: SaveAggregate<InterestPayout>['with'] },
): Promise<void> {
  await saveAggregate({
    key: payoutKey(next.id),
    next,
    indexAttributes: payoutIndex(next, o.due),
    expectedVersion,
    events,
    with: o.with,
  });
}

export async function findInterestPayout(
  id: string,
): Promise<{ payout: InterestPayout; retryAt?: string } | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: payoutKey(id), ConsistentRead: true }),
  );
  return Item
    ? { payout: Item.state as InterestPayout, retryAt: Item.retryAt as string | undefined }
    : undefined;
}

export async function listInterestByStatus(
  status: 'payable' | 'payment_failed' | 'returned' | 'awaiting_account' | 'on_hold',
  dueBefore: string,
  cursor?: string,
  limit = 100,
): Promise<Page<InterestPayout>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p AND statusSk <= :hi',
      ExpressionAttributeValues: { ':p': `INTEREST#${status}`, ':hi': `${dueBefore}#\uffff` },
      Limit: Math.min(Math.max(1, limit), 100),
      ExclusiveStartKey: decodeCursor(cursor, isKey, `interest:byStatus:${status}`),
    }),
  );
  const items = (out.Items ?? []).map((i) => i.state as InterestPayout);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `interest:byStatus:${status}`) }
    : { items };
}
