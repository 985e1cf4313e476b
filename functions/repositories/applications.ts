/**
 * Applications (依申请): the only code that knows their keys.
 *
 *   PK `APP#<id>`  SK `STATE`        the current state (versioned, conditional writes)
 *   PK `APP#<id>`  SK `EV#<v>#<i>`   the audit events, append-only (saveAggregate)
 *
 * The state counts its 公示 objections (objectionsRaised / objectionsOpen); the objections
 * themselves are items of their own (repositories/objections.ts). States stored before that
 * get the counters derived on read, and an item in review_l2 without `l1DecidedBy` gets it
 * from its audit trail (loadApplication), so four eyes covers it too.
 *
 * Index attributes on the state item, rewritten on every save (a Put replaces the item,
 * so a sparse key that no longer applies simply disappears):
 * - bySubject   subjectPk `SUBJ#<subjectId>`, subjectSk `APP#<createdAt>#<id>` — always
 * - reviewQueue queuePk `DEPT#<dept>`, queueSk `<status>#<submittedAt>#<id>` — only while
 *               a reviewer can act (submitted, review_l1, review_l2)
 * - byStatus    statusPk `APP#<status>`, statusSk `<dueAt>#<id>` — only for the statuses a
 *               schedule acts on (容缺 deadline, 公示 end, payable, paying, payment_failed) and
 *               the operator's lists (awaiting_account, on_hold)
 * - byPolicy    policyPk `APP_POLICY#<policyId>`, policySk `<createdAt>#<id>` — always
 *               (keys only; a department's list is the merge of its policies)
 *
 * An application holds its entitlement claim (repositories/claims.ts) from creation; every
 * save that ends it without paying releases the claim in the same transaction.
 */
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DepartmentCode } from '../../shared/actor';
import { notFound } from '../../shared/errors';
import type { ApplicationId, PolicyId, SubjectId } from '../../shared/ids';
import type {
  Application,
  ApplicationEvent,
  ApplicationStatus,
} from '../../shared/lifecycle/application';
import { claimReleaseOnEnd, statusBefore } from './claims';
import type { Instant } from '../../shared/calendar';
import { retryAt } from '../../shared/payment';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import { withObjectionCounters } from './objections';
import {
  batchGetChunks,
  db,
  eventsOf,
  queryAll,
  saveAggregate,
  tableName,
  type SaveAggregate,
} from './table';

export type { Page } from './cursor';

/** The state of a stored item; applications stored before objections were items get their counters derived. */
const stateOf = (item: Record<string, unknown>): Application =>
  withObjectionCounters(item.state as Application);

const STATE = 'STATE';
const key = (id: ApplicationId) => ({ PK: `APP#${id}`, SK: STATE });
/** The state item's key (payment-batches.ts parks a finance sign-off item out of the due index by it). */
export const applicationKey = key;
const subjectPk = (id: SubjectId) => `SUBJ#${id}`;
const queuePk = (dept: DepartmentCode) => `DEPT#${dept}`;
const statusPk = (status: ApplicationStatus) => `APP#${status}`;
const policyPk = (id: PolicyId) => `APP_POLICY#${id}`;

/** Statuses a reviewer acts on: the sparse review queue holds exactly these. */
export const REVIEWABLE_STATUSES = [
  'submitted',
  'review_l1',
  'review_l2',
] as const satisfies readonly ApplicationStatus[];
export type ReviewableStatus = (typeof REVIEWABLE_STATUSES)[number];

/**
 * Statuses listed by the byStatus index, each with the instant it becomes due: the ones a
 * schedule acts on, and the two an operator works through (awaiting_account, on_hold —
 * listed for the admin, never read by disburse: they are not due).
 */
export const SCHEDULED_STATUSES = [
  'pending_supplement',
  'publicity',
  'payable',
  'paying',
  'payment_failed',
  'awaiting_account',
  'on_hold',
] as const satisfies readonly ApplicationStatus[];
export type ScheduledStatus = (typeof SCHEDULED_STATUSES)[number];

const isReviewable = (s: ApplicationStatus): s is ReviewableStatus =>
  (REVIEWABLE_STATUSES as readonly string[]).includes(s);
const isScheduled = (s: ApplicationStatus): s is ScheduledStatus =>
  (SCHEDULED_STATUSES as readonly string[]).includes(s);

/**
 * When the schedule should look at the item: the 容缺 deadline, the end of 公示, the retry
 * time of a failed payment, or (for the other payment statuses, which are due at once) the
 * time the item entered the status (awaiting_account and on_hold: listed by when they got
 * there; disburse never reads them, so an item that cannot start is never due).
 */
function dueAt(app: Application, events: readonly ApplicationEvent[], previous?: string): string {
  if (app.status === 'pending_supplement' && app.supplementDueAt) return app.supplementDueAt;
  if (app.status === 'publicity' && app.publicityEndsAt) return app.publicityEndsAt;
  const entered =
    events.at(-1)?.at ?? previous ?? app.decidedAt ?? app.submittedAt ?? app.createdAt;
  // a failed payment is retried after the same backoff as a grant's, measured from the failure;
  // at once when the account was just given or corrected
  const accountChanged = events.some(
    (e) => e.type === 'AccountCorrected' || e.type === 'PayeeUpdated' || e.type === 'PayeeProvided',
  );
  if (app.status === 'payment_failed' && !accountChanged)
    return retryAt(Math.max(1, app.paymentAttempt), entered as Instant);
  return entered;
}

function indexAttributes(
  app: Application,
  events: readonly ApplicationEvent[],
): Record<string, string | undefined> {
  const attrs: Record<string, string | undefined> = {
    kind: 'application',
    subjectPk: subjectPk(app.subjectId),
    subjectSk: `APP#${app.createdAt}#${app.id}`,
    policyPk: policyPk(app.policyId),
    policySk: `${app.createdAt}#${app.id}`,
  };
  if (isReviewable(app.status)) {
    attrs.queuePk = queuePk(app.department);
    attrs.queueSk = `${app.status}#${app.submittedAt ?? app.createdAt}#${app.id}`;
  }
  if (isScheduled(app.status)) {
    attrs.statusPk = statusPk(app.status);
    attrs.statusSk = `${dueAt(app, events)}#${app.id}`;
  }
  return attrs;
}

export type WithItems = SaveAggregate<Application>['with'];

/**
 * Saves the new state with its events and any records that must move with it (outbox,
 * idempotency record, budget reservation, payment) in one transaction. `expectedVersion`
 * is the version that was loaded ('new' for a first save): a concurrent change makes the
 * whole transaction fail with CONFLICT.
 */
export async function saveApplication(
  next: Application,
  events: readonly ApplicationEvent[],
  expectedVersion: number | 'new',
  withItems?: WithItems,
): Promise<void> {
  const alongside = withItems ?? [];
  // Rejected, withdrawn or cancelled: the entitlement claim is given back in this transaction.
  const release = claimReleaseOnEnd('application', statusBefore(events), next, alongside);
  await saveAggregate({
    key: key(next.id),
    next,
    indexAttributes: indexAttributes(next, events),
    expectedVersion,
    events,
    with: [...alongside, ...release],
  });
}

export async function findApplication(id: ApplicationId): Promise<Application | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }),
  );
  return Item ? stateOf(Item) : undefined;
}

/** Throws NOT_FOUND. */
export async function getApplication(id: ApplicationId): Promise<Application> {
  const app = await findApplication(id);
  if (!app) throw notFound('申请');
  return app;
}

/** The audit events, oldest first. */
export function timeline(id: ApplicationId): Promise<ApplicationEvent[]> {
  return eventsOf<ApplicationEvent>(key(id).PK);
}

const PAGE = 20;
const MAX_PAGE = 100;
const limitOf = (n?: number) => Math.min(Math.max(1, n ?? PAGE), MAX_PAGE);

/** `list` names the list a cursor belongs to (cursor.ts): a cursor of another list is refused. */
async function queryPage(
  input: Omit<QueryCommandInput, 'TableName'>,
  cursor: string | undefined,
  limit: number,
  list: string,
): Promise<Page<Application>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      ...input,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, isKey, list),
    }),
  );
  const items = (out.Items ?? []).map(stateOf);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, list) }
    : { items };
}

/**
 * Items in a status a schedule acts on, due at or before `dueBefore` (ISO instant), earliest
 * first. Without `dueBefore`, all of them.
 */
export async function listApplicationsByStatus(
  status: ScheduledStatus,
  dueBefore?: string,
  cursor?: string,
  limit?: number,
): Promise<Page<Application>> {
  const due = dueBefore !== undefined;
  return queryPage(
    {
      IndexName: 'byStatus',
      KeyConditionExpression: due ? 'statusPk = :p AND statusSk <= :hi' : 'statusPk = :p',
      ExpressionAttributeValues: due
        ? { ':p': statusPk(status), ':hi': `${dueBefore}#\uffff` }
        : { ':p': statusPk(status) },
    },
    cursor,
    limitOf(limit ?? MAX_PAGE),
    `applications:byStatus:${status}`,
  );
}

/** A subject's applications, newest first. */
export async function listApplicationsBySubject(
  subjectId: SubjectId,
  cursor?: string,
  limit?: number,
): Promise<Page<Application>> {
  return queryPage(
    {
      IndexName: 'bySubject',
      KeyConditionExpression: 'subjectPk = :p AND begins_with(subjectSk, :app)',
      ExpressionAttributeValues: { ':p': subjectPk(subjectId), ':app': 'APP#' },
      ScanIndexForward: false,
    },
    cursor,
    limitOf(limit),
    `applications:bySubject:${subjectId}`,
  );
}

// ---- merged lists: review queue and a department's applications -----------------------

/** One sorted source of a merged list: items after `after` (exclusive), in order. */
type Source = (
  after: string | undefined,
  n: number,
) => Promise<{ items: { sk: string; state: Application }[]; more: boolean }>;
type MergeCursor = { after: string };
const isMergeCursor = (v: unknown): v is MergeCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as MergeCursor).after === 'string' &&
  (v as MergeCursor).after.length < 300;

/**
 * Merges sorted sources into one page: each source gives up to `limit` items after the
 * cursor position, the first `limit` of the union are the page. The cursor is the last
 * item's sort position, so it stays valid while items come and go.
 */
async function merge(
  sources: readonly Source[],
  cursor: string | undefined,
  limit: number,
  descending: boolean,
  list: string,
): Promise<Page<Application>> {
  const after = decodeCursor(cursor, isMergeCursor, list)?.after;
  const parts = await Promise.all(sources.map((s) => s(after, limit + 1)));
  const all = parts.flatMap((p) => p.items);
  all.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0) * (descending ? -1 : 1));
  const page = all.slice(0, limit);
  const more = all.length > limit || parts.some((p) => p.more);
  const last = page.at(-1);
  return more && last
    ? { items: page.map((p) => p.state), nextCursor: encodeCursor({ after: last.sk }, list) }
    : { items: page.map((p) => p.state) };
}

/** Pages through one key range until `n` items pass `keep` or the range ends. */
async function collect(
  input: Omit<QueryCommandInput, 'TableName'>,
  n: number,
  keep: (a: Application) => boolean,
  skOf: (item: Record<string, unknown>) => string,
  hydrate?: (items: Record<string, unknown>[]) => Promise<(Application | undefined)[]>,
) {
  const items: { sk: string; state: Application }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        ...input,
        Limit: Math.max(n, 25),
        ExclusiveStartKey: startKey,
      }),
    );
    const raw = out.Items ?? [];
    const states = hydrate ? await hydrate(raw) : raw.map(stateOf);
    raw.forEach((r, i) => {
      const state = states[i];
      if (state && keep(state)) items.push({ sk: skOf(r), state });
    });
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < n);
  return { items: items.slice(0, n), more: items.length > n || startKey !== undefined };
}

export interface QueueQuery {
  statuses?: readonly ReviewableStatus[];
  policyId?: PolicyId;
  cursor?: string;
  limit?: number;
}

/** A department's review queue, oldest submission first (sparse reviewQueue index). */
export async function reviewQueue(
  dept: DepartmentCode,
  q: QueueQuery = {},
): Promise<Page<Application>> {
  const statuses = q.statuses && q.statuses.length > 0 ? q.statuses : REVIEWABLE_STATUSES;
  const keep = (a: Application) => q.policyId === undefined || a.policyId === q.policyId;
  const sources: Source[] = statuses.map((status) => (after, n) => {
    // Sort position without the status prefix, so the statuses interleave by age.
    const from = after === undefined ? `${status}#` : `${status}#${after}\u0001`;
    return collect(
      {
        IndexName: 'reviewQueue',
        KeyConditionExpression: 'queuePk = :p AND queueSk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':p': queuePk(dept), ':lo': from, ':hi': `${status}#\uffff` },
      },
      n,
      keep,
      (item) => String(item.queueSk).slice(status.length + 1),
    );
  });
  return merge(
    sources,
    q.cursor,
    limitOf(q.limit),
    false,
    `applications:queue:${dept}:${statuses.join(',')}:${q.policyId ?? '*'}`,
  );
}

async function batchGetStates(items: Record<string, unknown>[]): Promise<Application[]> {
  if (items.length === 0) return [];
  const keys = items.map((i) => ({ PK: i.PK as string, SK: i.SK as string }));
  const found = new Map(
    (await batchGetChunks(keys)).map((item) => [item.PK as string, stateOf(item)]),
  );
  return keys.map((k) => found.get(k.PK)).filter((a): a is Application => a !== undefined);
}

/** All applications of the given policies (a department's), newest first, any status. */
export async function listApplicationsByPolicies(
  policyIds: readonly PolicyId[],
  q: { status?: ApplicationStatus; cursor?: string; limit?: number } = {},
): Promise<Page<Application>> {
  const keep = (a: Application) => q.status === undefined || a.status === q.status;
  const sources: Source[] = policyIds.map(
    (policyId) => (after, n) =>
      collect(
        {
          IndexName: 'byPolicy',
          KeyConditionExpression:
            after === undefined ? 'policyPk = :p' : 'policyPk = :p AND policySk < :after',
          ExpressionAttributeValues:
            after === undefined
              ? { ':p': policyPk(policyId) }
              : { ':p': policyPk(policyId), ':after': after },
          ScanIndexForward: false,
        },
        n,
        keep,
        (item) => String(item.policySk),
        async (raw) => {
          const states = await batchGetStates(raw);
          const byId = new Map(states.map((s) => [`APP#${s.id}`, s]));
          return raw.map((r) => byId.get(r.PK as string));
        },
      ),
  );
  return merge(
    sources,
    q.cursor,
    limitOf(q.limit),
    true,
    `applications:byPolicies:${policyIds.join(',')}:${q.status ?? '*'}`,
  );
}

/** State and timeline in one consistent Query of the application's partition. Throws NOT_FOUND. */
export async function loadApplication(
  id: ApplicationId,
): Promise<{ application: Application; events: ApplicationEvent[] }> {
  const events: ApplicationEvent[] = [];
  let application: Application | undefined;
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': key(id).PK },
    ConsistentRead: true,
  });
  for (const item of items) {
    if (item.SK === STATE) application = stateOf(item);
    else if (typeof item.SK === 'string' && item.SK.startsWith('EV#'))
      events.push(item.event as ApplicationEvent);
  }
  if (!application) throw notFound('申请');
  return { application: withLevel1Decider(application, events), events };
}

/**
 * Applications sent to level 2 before the level-1 decider was recorded on the state: the
 * decider is read from the audit trail, so four eyes holds for them too.
 */
function withLevel1Decider(app: Application, events: readonly ApplicationEvent[]): Application {
  if (app.status !== 'review_l2' || app.l1DecidedBy !== undefined) return app;
  const l1 = [...events]
    .reverse()
    .find((e) => e.type === 'ApplicationDecided' && e.level === 1 && e.to === 'review_l2');
  return l1 && 'userId' in l1.by ? { ...app, l1DecidedBy: l1.by.userId } : app;
}

/** Filters of the public 公示 list (issue 14). */
export interface PublicityFilter {
  policyId?: string;
  department?: DepartmentCode;
}

/** One DynamoDB page of a publicity listing, with the raw key to go on from. */
export interface RawPage<T> {
  items: T[];
  lastKey?: Record<string, unknown>;
}

/** Index filters on the stored state (policy, department), shared by applications and grants. */
export function publicityFilterExpression(f: PublicityFilter): {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const parts: string[] = [];
  const values: Record<string, unknown> = {};
  if (f.policyId !== undefined) {
    parts.push('#s.policyId = :policy');
    values[':policy'] = f.policyId;
  }
  if (f.department !== undefined) {
    parts.push('#s.department = :dept');
    values[':dept'] = f.department;
  }
  return parts.length === 0
    ? { ExpressionAttributeValues: values }
    : {
        FilterExpression: parts.join(' AND '),
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: values,
      };
}

/**
 * Applications whose 公示 is still running at `now` (its end is after now), by end date, one
 * DynamoDB page: the public list (issue 14) reads them before the grants.
 */
export async function applicationsInPublicity(
  f: PublicityFilter,
  now: string,
  startKey: Record<string, unknown> | undefined,
  limit: number,
): Promise<RawPage<Application>> {
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
  return { items: (out.Items ?? []).map(stateOf), lastKey: out.LastEvaluatedKey };
}

/**
 * One page of a policy's applications in key order, any status, from the keys-only byPolicy
 * index and a BatchGet of their states: the per-policy export (issue 14) walks them page by
 * page and never holds more than one page.
 */
export async function applicationsOfPolicyPage(
  policyId: PolicyId,
  startKey: Record<string, unknown> | undefined,
  limit: number,
): Promise<RawPage<Application>> {
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
  return { items: await batchGetStates(out.Items ?? []), lastKey: out.LastEvaluatedKey };
}
