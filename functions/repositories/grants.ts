/**
 * Grants (免申即享): the only code that knows their keys.
 *
 *   PK `GRANT#<id>`  SK `STATE`        current state (versioned, conditional writes)
 *   PK `GRANT#<id>`  SK `EV#<v>#<i>`   audit events, append-only (saveAggregate)
 *   PK `SUBJ#<id>`   SK `PAYEE`        the subject's receiving account on file (last confirmed)
 *
 * The id is `grantIdFor(policy, subject, period)`, and a new grant is written with
 * `attribute_not_exists(PK)`: a rerun, an overlapping run or a restarted run collides on
 * the key (DUPLICATE) instead of creating a second grant.
 *
 * Index attributes, rewritten on every save:
 * - bySubject  subjectPk `SUBJ#<subjectId>`, subjectSk `GRANT#<detectedAt>#<id>`
 * - byStatus   statusPk `GRANT#<status>`, statusSk `<dueAt>#<id>` for the statuses a schedule
 *              acts on (publicity: its end; payable: now; payment_failed/returned: the retry time)
 * - byPolicy   policyPk `GRANT_POLICY#<policyId>`, policySk `<status>#<detectedAt>#<id>` (keys only;
 *              stats count by status prefix and read the SLA start from the key)
 *
 * A grant holds its entitlement claim (repositories/claims.ts) from creation; a save that
 * cancels it releases the claim in the same transaction.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError, notFound } from '../../shared/errors';
import type { GrantId, PolicyId, SubjectId } from '../../shared/ids';
import type { Grant, GrantEvent, GrantStatus, Payee } from '../../shared/lifecycle/grant';
import { publicityFilterExpression, type PublicityFilter, type RawPage } from './applications';
import { claimReleaseOnEnd, statusBefore } from './claims';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import { withObjectionCounters } from './objections';
import {
  db,
  aggregateWrite,
  batchGetChunks,
  eventSk,
  eventsOf,
  queryAll,
  saveAggregate,
  tableName,
  transact,
  type SaveAggregate,
  type TransactItem,
} from './table';

/** Grants stored before objections were items carry an inline list: their counters are derived from it. */
const grantOf = (item: Record<string, unknown>): Grant =>
  withObjectionCounters(item.state as Grant);

const STATE = 'STATE';
export const grantKey = (id: GrantId) => ({ PK: `GRANT#${id}`, SK: STATE });
const subjectPk = (id: SubjectId) => `SUBJ#${id}`;
const statusPk = (status: GrantStatus) => `GRANT#${status}`;
const policyPk = (id: PolicyId) => `GRANT_POLICY#${id}`;

/** Statuses a schedule acts on (close-publicity, disburse), and the operator's lists (awaiting_account, on_hold: never due). */
export const SCHEDULED_GRANT_STATUSES = [
  'publicity',
  'payable',
  'paying',
  'payment_failed',
  'returned',
  'awaiting_account',
  'on_hold',
] as const satisfies readonly GrantStatus[];
export type ScheduledGrantStatus = (typeof SCHEDULED_GRANT_STATUSES)[number];
const isScheduled = (s: GrantStatus): s is ScheduledGrantStatus =>
  (SCHEDULED_GRANT_STATUSES as readonly string[]).includes(s);

export interface GrantRecord {
  grant: Grant;
  /** when a failed or returned payment is retried (补发); set by the disburse service */
  retryAt?: string;
  /** the run that created it, so a restarted run can tell its own earlier writes from others' */
  runId?: string;
}

function indexAttributes(
  g: Grant,
  o: { retryAt?: string; runId?: string; now?: string; fromClaim?: boolean },
): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    kind: 'grant',
    // written by the stream from the claim that carried it, with its events: nothing left to derive
    ...(o.fromClaim === true ? { fromClaim: true } : {}),
    subjectPk: subjectPk(g.subjectId),
    subjectSk: `GRANT#${g.detectedAt}#${g.id}`,
    policyPk: policyPk(g.policyId),
    policySk: `${g.status}#${g.detectedAt}#${g.id}`,
    runId: o.runId,
    retryAt: o.retryAt,
  };
  if (isScheduled(g.status)) {
    const due =
      g.status === 'publicity'
        ? (g.publicityEndsAt ?? g.detectedAt)
        : g.status === 'payment_failed' || g.status === 'returned'
          ? (o.retryAt ?? o.now ?? g.detectedAt)
          : (o.now ?? g.detectedAt);
    attrs.statusPk = statusPk(g.status);
    attrs.statusSk = `${due}#${g.id}`;
  }
  return attrs;
}

export type WithItems = SaveAggregate<Grant>['with'];

export interface SaveGrantOptions {
  with?: WithItems;
  retryAt?: string;
  runId?: string;
  /** the instant of the change, used as the due time of statuses due at once */
  now?: string;
  /** a grant the stream writes from the claim that carried it (grant-derive.ts) */
  fromClaim?: boolean;
}

/** State + events + `with` in one transaction; 'new' fails with DUPLICATE if the grant exists. */
export async function saveGrant(
  next: Grant,
  events: readonly GrantEvent[],
  expectedVersion: number | 'new',
  o: SaveGrantOptions = {},
): Promise<void> {
  const alongside = o.with ?? [];
  // Cancelled: the entitlement claim is given back in this transaction.
  const release = claimReleaseOnEnd('grant', statusBefore(events), next, alongside);
  await saveAggregate({
    key: grantKey(next.id),
    next,
    indexAttributes: indexAttributes(next, { ...o, now: o.now ?? events.at(-1)?.at }),
    expectedVersion,
    events,
    with: [...alongside, ...release],
  });
}

/** A new grant as saveGrant(next, events, 'new', { with }) would write it. */
export interface NewGrant {
  next: Grant;
  events: readonly GrantEvent[];
  with?: WithItems;
}

/**
 * Several new grants in ONE transaction (issue 16: a run's grants a group at a time), each
 * exactly as saveGrant 'new' writes it — its conditional put, its events, its `with` (claim,
 * notice). All or none: any failed condition cancels the group (DUPLICATE, reason
 * GROUP_CANCELLED, the grant and item that failed in details) and the caller saves the group's
 * grants one by one to learn which one collided. At most 100 items (DynamoDB's limit).
 */
export async function saveNewGrants(
  grants: readonly NewGrant[],
  o: Omit<SaveGrantOptions, 'with' | 'retryAt'> = {},
): Promise<void> {
  const writes = grants.map((g) =>
    aggregateWrite(
      {
        key: grantKey(g.next.id),
        next: g.next,
        indexAttributes: indexAttributes(g.next, { ...o, now: o.now ?? g.events.at(-1)?.at }),
        expectedVersion: 'new',
        events: g.events,
        with: g.with ?? [],
      },
      (items) => ({ items }),
    ),
  );
  const items = writes.flatMap((w) => w.items);
  if (items.length > 100)
    throw new Error(`${String(items.length)} items: more than a transaction holds`);
  await transact(items, (index) => {
    // which grant of the group, and which of its items, failed
    let at = index;
    let g = 0;
    while (g < writes.length && at >= (writes[g]?.items.length ?? 0)) {
      at -= writes[g]?.items.length ?? 0;
      g++;
    }
    return new DomainError('DUPLICATE', '批量写入中有记录已存在', {
      reason: 'GROUP_CANCELLED',
      grantId: grants[g]?.next.id,
      item: at,
    });
  });
}

/**
 * The audit events of a grant's creation and the records that go with them (its notice),
 * for a grant saved without them (an auto-grant run whose derived records are written from
 * the table's stream, issue 16): one transaction, every item put only where none is, so a
 * stream record delivered twice — or a grant whose run wrote them itself — changes nothing
 * ('existed'). Events stay append-only: never overwritten, never written by a BatchWrite.
 */
export async function putCreationRecords(
  grant: Grant,
  events: readonly GrantEvent[],
  alongside: NonNullable<WithItems> = [],
): Promise<'written' | 'existed'> {
  const pk = grantKey(grant.id).PK;
  const items: TransactItem[] = events.map((e, i) => ({
    Put: {
      TableName: tableName(),
      Item: { PK: pk, SK: eventSk(e.version, i), kind: 'event', event: e },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }));
  try {
    await transact(
      [...items, ...alongside.map((w) => w.item)],
      () => new DomainError('DUPLICATE', '记录已存在', { reason: 'ALREADY_DERIVED' }),
    );
    return 'written';
  } catch (e) {
    if (e instanceof DomainError && e.code === 'DUPLICATE') return 'existed';
    throw e;
  }
}

export async function findGrantRecord(id: GrantId): Promise<GrantRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: grantKey(id), ConsistentRead: true }),
  );
  return Item
    ? {
        grant: grantOf(Item),
        retryAt: Item.retryAt as string | undefined,
        runId: Item.runId as string | undefined,
      }
    : undefined;
}

export async function getGrant(id: GrantId): Promise<Grant> {
  const r = await findGrantRecord(id);
  if (!r) throw notFound('发放记录');
  return r.grant;
}

/** Which of these grant ids exist already, with the run that created each (one BatchGet per 100). */
export async function existingGrants(
  ids: readonly GrantId[],
): Promise<Map<GrantId, { runId?: string }>> {
  const found = new Map<GrantId, { runId?: string }>();
  const items = await batchGetChunks(ids.map(grantKey), { projection: 'PK, runId' });
  for (const item of items)
    found.set(String(item.PK).slice('GRANT#'.length) as GrantId, {
      runId: item.runId as string | undefined,
    });
  return found;
}

const limitOf = (n?: number) => Math.min(Math.max(1, n ?? 20), 100);

/** A subject's grants, newest first. */
export async function listGrantsBySubject(
  subjectId: SubjectId,
  cursor?: string,
  limit?: number,
): Promise<Page<Grant>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'bySubject',
      KeyConditionExpression: 'subjectPk = :p AND begins_with(subjectSk, :g)',
      ExpressionAttributeValues: { ':p': subjectPk(subjectId), ':g': 'GRANT#' },
      ScanIndexForward: false,
      Limit: limitOf(limit),
      ExclusiveStartKey: decodeCursor(cursor, isKey, `grants:bySubject:${subjectId}`),
    }),
  );
  const items = (out.Items ?? []).map(grantOf);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `grants:bySubject:${subjectId}`) }
    : { items };
}

/** Grants in a scheduled status due at or before `dueBefore`, earliest first; with their retry metadata. */
export async function listGrantsByStatus(
  status: ScheduledGrantStatus,
  dueBefore?: string,
  cursor?: string,
  limit = 100,
): Promise<Page<GrantRecord>> {
  const due = dueBefore !== undefined;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: due ? 'statusPk = :p AND statusSk <= :hi' : 'statusPk = :p',
      ExpressionAttributeValues: due
        ? { ':p': statusPk(status), ':hi': `${dueBefore}#\uffff` }
        : { ':p': statusPk(status) },
      Limit: limitOf(limit),
      ExclusiveStartKey: decodeCursor(cursor, isKey, `grants:byStatus:${status}`),
    }),
  );
  const items = (out.Items ?? []).map((i) => ({
    grant: grantOf(i),
    retryAt: i.retryAt as string | undefined,
    runId: i.runId as string | undefined,
  }));
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `grants:byStatus:${status}`) }
    : { items };
}

/** For stats: every grant key of a policy as (status, detectedAt), read from the keys-only index. */
export async function grantKeysOfPolicy(
  policyId: PolicyId,
): Promise<{ status: GrantStatus; detectedAt: string }[]> {
  const out: { status: GrantStatus; detectedAt: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byPolicy',
        KeyConditionExpression: 'policyPk = :p',
        ExpressionAttributeValues: { ':p': policyPk(policyId) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const [status, detectedAt] = String(item.policySk).split('#');
      out.push({ status: status as GrantStatus, detectedAt: detectedAt ?? '' });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** The ids of a policy's payable grants, from the keys-only index (a 支付批次's candidates). */
export async function payableGrantIdsOfPolicy(policyId: PolicyId): Promise<GrantId[]> {
  const items = await queryAll({
    IndexName: 'byPolicy',
    KeyConditionExpression: 'policyPk = :p AND begins_with(policySk, :s)',
    ExpressionAttributeValues: { ':p': policyPk(policyId), ':s': 'payable#' },
  });
  return items.map((item) => String(item.PK).slice('GRANT#'.length) as GrantId);
}

/** The events of a grant, oldest first. */
export function grantTimeline(id: GrantId): Promise<GrantEvent[]> {
  return eventsOf<GrantEvent>(grantKey(id).PK);
}

// ---- the account on file ------------------------------------------------------------

const payeeKey = (id: SubjectId) => ({ PK: subjectPk(id), SK: 'PAYEE' });

/** Remembered after a confirmation, so the subject's next grant skips awaiting_confirmation. */
export async function putPayeeOnFile(
  subjectId: SubjectId,
  payee: Payee,
  at: string,
): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...payeeKey(subjectId), kind: 'payee', payee, at },
    }),
  );
}

/** The same record as a transaction item, so it moves with the change that gave the account. */
export function payeeOnFileItem(
  subjectId: SubjectId,
  payee: Payee,
  at: string,
): { item: TransactItem; onConditionFailed: () => DomainError } {
  return {
    item: {
      Put: { TableName: tableName(), Item: { ...payeeKey(subjectId), kind: 'payee', payee, at } },
    },
    onConditionFailed: () => conflict(),
  };
}

export async function payeeOnFile(subjectId: SubjectId): Promise<Payee | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: payeeKey(subjectId) }),
  );
  return Item ? (Item.payee as Payee) : undefined;
}

/** Accounts on file for many subjects at once (the auto-grant run reads a page's worth). */
export async function payeesOnFile(
  subjectIds: readonly SubjectId[],
): Promise<Map<SubjectId, Payee>> {
  const found = new Map<SubjectId, Payee>();
  const items = await batchGetChunks([...new Set(subjectIds)].map(payeeKey));
  for (const item of items)
    found.set(String(item.PK).slice('SUBJ#'.length) as SubjectId, item.payee as Payee);
  return found;
}

/** Grants whose 公示 is still running at `now`, by end date, one DynamoDB page (issue 14's public list). */
export async function grantsInPublicity(
  f: PublicityFilter,
  now: string,
  startKey: Record<string, unknown> | undefined,
  limit: number,
): Promise<RawPage<Grant>> {
  const filter = publicityFilterExpression(f);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'statusPk = :p AND statusSk > :now',
      ...filter,
      ExpressionAttributeValues: {
        ...filter.ExpressionAttributeValues,
        ':p': statusPk('publicity'),
        ':now': now,
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (out.Items ?? []).map(grantOf), lastKey: out.LastEvaluatedKey };
}

/** One page of a policy's grants in key order, any status (keys-only index + BatchGet): the export's. */
export async function grantsOfPolicyPage(
  policyId: PolicyId,
  startKey: Record<string, unknown> | undefined,
  limit: number,
): Promise<RawPage<Grant>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byPolicy',
      KeyConditionExpression: 'policyPk = :p',
      ExpressionAttributeValues: { ':p': policyPk(policyId) },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const ids = (out.Items ?? []).map((i) => String(i.PK).slice('GRANT#'.length) as GrantId);
  const found = new Map(
    (await batchGetChunks(ids.map(grantKey))).map((item) => [String(item.PK), grantOf(item)]),
  );
  return {
    items: ids.map((id) => found.get(`GRANT#${id}`)).filter((g): g is Grant => g !== undefined),
    lastKey: out.LastEvaluatedKey,
  };
}
