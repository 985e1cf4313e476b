/**
 * Payments: the only code that knows their keys.
 *
 *   PK `PAY#<id>`  SK `STATE`       current state (versioned)
 *   PK `PAY#<id>`  SK `EV#<v>#<i>`  events, append-only
 *
 * The id is `paymentIdFor(item, attempt)`: creating the payment is part of the item's own
 * transaction (`paymentCreation` returns the transaction items), conditioned on the key
 * not existing, so an (item, attempt) can never have two payments.
 *
 * Index attributes:
 * - bySubject  subjectPk `SUBJ#<subjectId>`, subjectSk `PAY#<createdAt>#<id>`
 * - byStatus   statusPk `PAY#<status>`, statusSk `<dueAt>#<id>` for every status: open ones
 *              (pending, paying) are due at their next check (reconciliation reads them),
 *              closed ones sort by settlement (the admin list reads them)
 */
import { GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../shared/errors';
import type { PaymentId, SubjectId } from '../../shared/ids';
import {
  PAYMENT_STATUSES,
  paymentIdFor,
  type Payment,
  type PaymentEvent,
  type PaymentStatus,
} from '../../shared/payment';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import { db, eventSk, saveAggregate, tableName, type TransactItem, eventsOf } from './table';

const key = (id: PaymentId) => ({ PK: `PAY#${id}`, SK: 'STATE' });
const subjectPk = (id: SubjectId) => `SUBJ#${id}`;
const statusPk = (s: PaymentStatus) => `PAY#${s}`;

function indexAttributes(p: Payment, dueAt: string): Record<string, unknown> {
  return {
    kind: 'payment',
    subjectPk: subjectPk(p.subjectId),
    subjectSk: `PAY#${p.createdAt}#${p.id}`,
    statusPk: statusPk(p.status),
    statusSk: `${dueAt}#${p.id}`,
    dueAt,
  };
}

/**
 * Transaction items that create a payment (state + its first event). The caller puts them
 * in the payable item's own transaction; a second creation for the same (item, attempt)
 * fails the condition with DUPLICATE.
 */
export function paymentCreation(p: Payment, events: readonly PaymentEvent[]) {
  const table = tableName();
  const duplicate = () => new DomainError('DUPLICATE', '该笔拨付已存在', { paymentId: p.id });
  const state: TransactItem = {
    Put: {
      TableName: table,
      Item: { ...key(p.id), ...indexAttributes(p, p.createdAt), state: p, version: p.version },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
  const evs: TransactItem[] = events.map((e, i) => ({
    Put: {
      TableName: table,
      Item: { PK: key(p.id).PK, SK: eventSk(e.version, i), kind: 'event', event: e },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }));
  return [state, ...evs].map((item) => ({ item, onConditionFailed: duplicate }));
}

export interface PaymentRecord {
  payment: Payment;
  dueAt: string;
}

export async function savePayment(
  next: Payment,
  events: readonly PaymentEvent[],
  expectedVersion: number,
  o: { dueAt: string; with?: Parameters<typeof saveAggregate>[0]['with'] },
): Promise<void> {
  await saveAggregate({
    key: key(next.id),
    next,
    indexAttributes: indexAttributes(next, o.dueAt),
    expectedVersion,
    events,
    with: o.with,
  });
}

export async function findPayment(id: PaymentId): Promise<PaymentRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }),
  );
  return Item
    ? {
        payment: Item.state as Payment,
        dueAt: String(Item.dueAt ?? (Item.state as Payment).createdAt),
      }
    : undefined;
}

/** The payment's audit events, oldest first (the late answers among them). */
export function paymentEvents(id: PaymentId): Promise<PaymentEvent[]> {
  return eventsOf<PaymentEvent>(key(id).PK);
}

export async function getPayment(id: PaymentId): Promise<Payment> {
  const r = await findPayment(id);
  if (!r) throw notFound('拨付记录');
  return r.payment;
}

/** The transaction item for a payment's move, for callers that move it together with its item. */
export function paymentMove(
  next: Payment,
  events: readonly PaymentEvent[],
  expectedVersion: number,
  dueAt: string,
) {
  const table = tableName();
  const conflict = () => new DomainError('CONFLICT', '拨付记录已被更新', { paymentId: next.id });
  const state: TransactItem = {
    Put: {
      TableName: table,
      Item: {
        ...key(next.id),
        ...indexAttributes(next, dueAt),
        state: next,
        version: next.version,
      },
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':v': expectedVersion },
    },
  };
  const evs: TransactItem[] = events.map((e, i) => ({
    Put: {
      TableName: table,
      Item: { PK: key(next.id).PK, SK: eventSk(e.version, i), kind: 'event', event: e },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }));
  return [state, ...evs].map((item) => ({ item, onConditionFailed: conflict }));
}

const limitOf = (n?: number) => Math.min(Math.max(1, n ?? 20), 100);

/** Open payments (pending, paying) whose next check is due: what reconciliation works through. */
export async function listDuePayments(
  status: 'pending' | 'paying',
  dueBefore: string,
  cursor?: string,
  limit = 100,
): Promise<Page<PaymentRecord>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p AND statusSk <= :hi',
      ExpressionAttributeValues: { ':p': statusPk(status), ':hi': `${dueBefore}#\uffff` },
      Limit: limitOf(limit),
      ExclusiveStartKey: decodeCursor(cursor, isKey, `payments:due:${status}`),
    }),
  );
  const items = (out.Items ?? []).map((i) => ({
    payment: i.state as Payment,
    dueAt: String(i.dueAt),
  }));
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `payments:due:${status}`) }
    : { items };
}

/** A subject's payments, newest first. */
export async function listPaymentsBySubject(
  subjectId: SubjectId,
  cursor?: string,
  limit?: number,
): Promise<Page<Payment>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'bySubject',
      KeyConditionExpression: 'subjectPk = :p AND begins_with(subjectSk, :pay)',
      ExpressionAttributeValues: { ':p': subjectPk(subjectId), ':pay': 'PAY#' },
      ScanIndexForward: false,
      Limit: limitOf(limit),
      ExclusiveStartKey: decodeCursor(cursor, isKey, `payments:bySubject:${subjectId}`),
    }),
  );
  const items = (out.Items ?? []).map((i) => i.state as Payment);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `payments:bySubject:${subjectId}`) }
    : { items };
}

type AllCursor = { s: number; k?: Record<string, string> };
const isAllCursor = (v: unknown): v is AllCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as AllCursor).s) &&
  (v as AllCursor).s >= 0 &&
  (v as AllCursor).s < PAYMENT_STATUSES.length &&
  ((v as AllCursor).k === undefined || isKey((v as AllCursor).k));

/** Every payment (admin), one status after another, or just one status. */
export async function listPayments(q: {
  status?: PaymentStatus;
  cursor?: string;
  limit?: number;
}): Promise<Page<Payment>> {
  const statuses = q.status ? [q.status] : PAYMENT_STATUSES;
  const limit = limitOf(q.limit);
  const list = `payments:all:${q.status ?? '*'}`;
  let position: AllCursor | undefined = decodeCursor(q.cursor, isAllCursor, list) ?? { s: 0 };
  const items: Payment[] = [];
  while (position && items.length < limit) {
    const status: PaymentStatus | undefined = statuses[position.s];
    if (status === undefined) {
      position = undefined;
      break;
    }
    const out: QueryCommandOutput = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byStatus',
        KeyConditionExpression: 'statusPk = :p',
        ExpressionAttributeValues: { ':p': statusPk(status) },
        ScanIndexForward: false,
        Limit: limit - items.length,
        ExclusiveStartKey: position.k,
      }),
    );
    items.push(...(out.Items ?? []).map((i) => i.state as Payment));
    if (out.LastEvaluatedKey)
      position = { s: position.s, k: out.LastEvaluatedKey as Record<string, string> };
    else position = position.s + 1 < statuses.length ? { s: position.s + 1 } : undefined;
  }
  return position ? { items, nextCursor: encodeCursor(position, list) } : { items };
}

/** Every payment of an item (all attempts), for tests and the item's detail page. */
export async function paymentsOfItem(itemId: string, maxAttempts = 20): Promise<Payment[]> {
  const out: Payment[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const r = await findPayment(paymentIdFor(itemId, attempt));
    if (!r) break;
    out.push(r.payment);
  }
  return out;
}
