/**
 * Startup loans (issue 13: apply → 人社 → 担保 → bank → active) and their quarterly
 * interest payouts. The only code that knows their keys.
 *
 *   PK `LOAN#<id>`      SK `STATE` | `EV#…`   the loan (versioned) and its events
 *   PK `INTEREST#<id>`  SK `STATE` | `EV#…`   one payout per loan per quarter; the id is
 *                                            `interestRecordIdFor(loan, quarter)`, written
 *                                            with attribute_not_exists in the same transaction
 *                                            that records the quarter on the loan
 *   PK `BANKREF#<ref>`  SK `REF`              a bank reference, taken once (attribute_not_exists) in the
 *                                            transaction that applies it to a loan
 * Index attributes:
 * - bySubject  subjectPk `SUBJ#<subjectId>`, subjectSk `LOAN#<submittedAt>#<id>` / `INTEREST#<quarter>#<id>`
 * - byStatus   `LOAN#active` (sparse: the schedule's work list — active loans, and repaid ones
 *              whose last quarter is not settled yet); `INTEREST#<status>` for
 *              payable / payment_failed / returned, due at the retry time
 * - reviewQueue queuePk `LOANQ#<department>` while a step waits for it (`LOANQ#bank-active` for
 *              the bank's active loans), queueSk `<stepSince>#<id>`: oldest first
 * - byPolicy   policyPk `LOAN_POLICY#<policyId>`, policySk `<submittedAt>#<id>` (keys only: stats)
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DepartmentCode } from '../../shared/actor';
import { DomainError, notFound } from '../../shared/errors';
import type { LoanId, SubjectId } from '../../shared/ids';
import type {
  InterestPayout,
  PayoutEvent,
  PayoutStatus,
} from '../../shared/lifecycle/interest-payout';
import type { Payee } from '../../shared/lifecycle/grant';
import {
  awaitsInterest,
  LOAN_STEP_DEPARTMENT,
  LOAN_STEP_OF,
  type Loan,
  type LoanEvent,
} from '../../shared/lifecycle/loan';
import { claimReleaseOnEnd, statusBefore } from './claims';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import {
  batchGetChunks,
  db,
  eventsOf,
  queryAll,
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
  /** the borrower's repayment account at the cooperating bank: where 贴息 is paid to the borrower */
  repaymentAccount?: Payee;
  /** the bank's settlement account (from the contract): where 贴息 is paid to the bank */
  bankAccount?: Payee;
}

/** The queue a loan waits in, if any: the step's department, or the bank's list of active loans. */
export function loanQueueOf(l: Loan): string | undefined {
  const step = LOAN_STEP_OF[l.status];
  if (step !== undefined) return `LOANQ#${LOAN_STEP_DEPARTMENT[step]}`;
  if (l.status === 'active') return 'LOANQ#bank-active';
  return undefined;
}

function loanIndex(l: Loan, accounts: { repaymentAccount?: Payee; bankAccount?: Payee }) {
  const queuePk = loanQueueOf(l);
  return {
    kind: 'loan',
    repaymentAccount: accounts.repaymentAccount,
    bankAccount: accounts.bankAccount,
    subjectPk: subjectPk(l.subjectId),
    subjectSk: `LOAN#${l.submittedAt}#${l.id}`,
    policyPk: `LOAN_POLICY#${l.policyId}`,
    policySk: `${l.submittedAt}#${l.id}`,
    ...(awaitsInterest(l)
      ? { statusPk: 'LOAN#active', statusSk: `${l.lentOn ?? ''}#${l.id}` }
      : {}),
    ...(queuePk ? { queuePk, queueSk: `${l.stepSince ?? l.submittedAt}#${l.id}` } : {}),
  };
}

const recordOf = (Item: Record<string, unknown>): LoanRecord => ({
  loan: Item.state as Loan,
  repaymentAccount: Item.repaymentAccount as Payee | undefined,
  bankAccount: Item.bankAccount as Payee | undefined,
});

/**
 * Saves the loan with its events; a move into `rejected` or `repaid` gives back the loan's
 * entitlement claim in the same transaction (one open loan application per person).
 */
export async function saveLoan(
  next: Loan,
  events: readonly LoanEvent[],
  expectedVersion: number | 'new',
  o: { repaymentAccount?: Payee; bankAccount?: Payee; with?: SaveAggregate<Loan>['with'] } = {},
): Promise<void> {
  const alongside = o.with ?? [];
  const release = claimReleaseOnEnd('loan', statusBefore(events), next, alongside);
  await saveAggregate({
    key: loanKey(next.id),
    next,
    indexAttributes: loanIndex(next, o),
    expectedVersion,
    events,
    with: [...alongside, ...release],
  });
}

/** The transaction item taking a bank reference, once across all loans. */
export function bankRefItem(ref: string, loanId: LoanId, at: string) {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { PK: `BANKREF#${ref}`, SK: 'REF', kind: 'bank-ref', loanId, at },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    } as TransactItem,
    onConditionFailed: () =>
      new DomainError('DUPLICATE', `银行流水号${ref}已登记，不重复记账`, {
        reason: 'BANK_REF_SEEN',
        ref,
      }),
  };
}

export async function findLoan(id: LoanId): Promise<LoanRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: loanKey(id), ConsistentRead: true }),
  );
  return Item ? recordOf(Item) : undefined;
}

export function loanTimeline(id: LoanId): Promise<LoanEvent[]> {
  return eventsOf<LoanEvent>(loanKey(id).PK);
}

/** A subject's loans, newest first. */
export async function listLoansBySubject(subjectId: SubjectId): Promise<LoanRecord[]> {
  const items = await queryAll({
    IndexName: 'bySubject',
    KeyConditionExpression: 'subjectPk = :p AND begins_with(subjectSk, :s)',
    ExpressionAttributeValues: { ':p': subjectPk(subjectId), ':s': 'LOAN#' },
    ScanIndexForward: false,
  });
  return items.map(recordOf);
}

/** The loans waiting for a department's step (or the bank's active loans), oldest first. */
export async function listLoanQueue(queue: DepartmentCode | 'bank-active'): Promise<LoanRecord[]> {
  const items = await queryAll({
    IndexName: 'reviewQueue',
    KeyConditionExpression: 'queuePk = :p',
    ExpressionAttributeValues: { ':p': `LOANQ#${queue}` },
  });
  return items.map(recordOf);
}

/** Every loan of a policy (keys from byPolicy, then their states): for stats and the admin list. */
export async function listLoansOfPolicy(policyId: string): Promise<Loan[]> {
  const keys = (
    await queryAll({
      IndexName: 'byPolicy',
      KeyConditionExpression: 'policyPk = :p',
      ExpressionAttributeValues: { ':p': `LOAN_POLICY#${policyId}` },
    })
  ).map((k) => ({ PK: k.PK as string, SK: k.SK as string }));
  const found = (await batchGetChunks(keys)).map((item) => item.state as Loan);
  return found.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
}

/** A subject's 贴息 payouts (all quarters), for the borrower's loan page. */
export async function listInterestOfSubject(subjectId: SubjectId): Promise<InterestPayout[]> {
  const items = await queryAll({
    IndexName: 'bySubject',
    KeyConditionExpression: 'subjectPk = :p AND begins_with(subjectSk, :s)',
    ExpressionAttributeValues: { ':p': subjectPk(subjectId), ':s': 'INTEREST#' },
  });
  return items.map((i) => i.state as InterestPayout);
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
  const items = (out.Items ?? []).map(recordOf);
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
