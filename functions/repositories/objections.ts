/**
 * 公示 objections: the only code that knows their keys. An objection is an item of its own,
 * never part of the application item (issue #10 case 7: an unbounded list inside the
 * application could fill it to DynamoDB's 400 KB limit and block resolve and the 公示 close).
 *
 *   PK `OBJ#APP#<applicationId>`  SK `OBJ#<objectionId>`  one objection, with its ruling once ruled
 *   PK `OBJ#APP#<applicationId>`  SK `BY#<userId>`        how many objections this user raised
 *                                                         against the application (`count`)
 *
 * Both are written in the transaction that saves the application (saveApplication's `with`),
 * whose state counts the objections (objectionsRaised / objectionsOpen), so the 公示 close
 * knows about open objections without reading this partition, and a lost race on the
 * application's version makes the objection fail as a whole. The per-objector counter is
 * updated under `count < 3`: the limit holds even for concurrent objections.
 *
 * Index attributes on the objection item:
 * - bySubject  subjectPk `SUBJ#<objector's subjectId>`, subjectSk `OBJ#<raisedAt>#<objectionId>`,
 *              so an objector lists their own objections (GET /v1/me/objections).
 *
 * - reviewQueue queuePk `OBJ#DEPT#<department>`, queueSk `<raisedAt>#<objectionId>` while the
 *              objection is open (sparse: the ruling's Put leaves it out): the department's
 *              objection queue (issue 14), applications' and grants' alike.
 *
 * Grants' objections (issue 14) live the same way under `OBJ#GRANT#<grantId>`. An objection
 * from the public 公示 page (no account) also gets a pointer by its id alone, so its objector
 * can look up the outcome with the code they were given:
 *
 *   PK `PUBOBJ#<objectionId>`  SK `PUBOBJ`   { target, codeHash }
 *
 * Objections stored by earlier versions inside the application item (`state.objections`) are
 * still read: `objectionsOf` merges them, and their ruling is written as a new item.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import type { DepartmentCode } from '../../shared/actor';
import type { ApplicationId, GrantId, ObjectionId, SubjectId, UserId } from '../../shared/ids';
import type { Application } from '../../shared/lifecycle/application';
import {
  MAX_OBJECTIONS_PER_OBJECTOR,
  objectionLimitReached,
  type Objection,
  type ObjectionCounters,
  type PublicObjectorRef,
} from '../../shared/lifecycle/common';
import { decodeCursor, encodeCursor, isKey, type Page } from './cursor';
import { db, queryAll, tableName, type TransactItem } from './table';

type With = { item: TransactItem; onConditionFailed: () => DomainError };

/** What an objection is raised against: an application or a 免申即享 grant. */
export type ObjectionTarget =
  | { readonly kind: 'application'; readonly id: ApplicationId }
  | { readonly kind: 'grant'; readonly id: GrantId };

const targetPk = (t: ObjectionTarget) =>
  t.kind === 'application' ? `OBJ#APP#${t.id}` : `OBJ#GRANT#${t.id}`;
const pk = (applicationId: ApplicationId) => targetPk({ kind: 'application', id: applicationId });
const objectionSk = (id: ObjectionId) => `OBJ#${id}`;
const objectorSk = (by: UserId | PublicObjectorRef) => `BY#${by}`;
const subjectPk = (id: SubjectId) => `SUBJ#${id}`;
const deptQueuePk = (d: DepartmentCode) => `OBJ#DEPT#${d}`;
const publicPointerKey = (id: ObjectionId) => ({ PK: `PUBOBJ#${id}`, SK: 'PUBOBJ' });

function itemOf(
  target: ObjectionTarget,
  o: Objection,
  department?: DepartmentCode,
): Record<string, unknown> {
  return {
    PK: targetPk(target),
    SK: objectionSk(o.id),
    kind: 'objection',
    target,
    ...(o.objectorSubjectId
      ? { subjectPk: subjectPk(o.objectorSubjectId), subjectSk: `OBJ#${o.raisedAt}#${o.id}` }
      : {}),
    ...(department !== undefined && o.resolution === undefined
      ? { queuePk: deptQueuePk(department), queueSk: `${o.raisedAt}#${o.id}` }
      : {}),
    raisedBy: o.raisedBy,
    objection: o,
  };
}

/**
 * The writes of a new objection, to go with the application's save: the objection, and the
 * objector's counter raised under `count < max` (refused with OBJECTION_LIMIT). With the
 * department, the open objection is listed in its objection queue.
 */
export function newObjectionItems(
  applicationId: ApplicationId,
  o: Objection,
  department?: DepartmentCode,
): With[] {
  return newTargetObjectionItems({ kind: 'application', id: applicationId }, o, department);
}

/** As newObjectionItems, for an application or a grant. */
export function newTargetObjectionItems(
  target: ObjectionTarget,
  o: Objection,
  department?: DepartmentCode,
): With[] {
  return [
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: itemOf(target, o, department),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      onConditionFailed: () => new DomainError('DUPLICATE', '异议已存在'),
    },
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: { PK: targetPk(target), SK: objectorSk(o.raisedBy) },
          UpdateExpression: 'SET #k = :kind ADD #c :one',
          ConditionExpression: 'attribute_not_exists(#c) OR #c < :max',
          ExpressionAttributeNames: { '#k': 'kind', '#c': 'count' },
          ExpressionAttributeValues: {
            ':kind': 'objection-count',
            ':one': 1,
            ':max': MAX_OBJECTIONS_PER_OBJECTOR,
          },
        },
      },
      onConditionFailed: objectionLimitReached,
    },
  ];
}

/** The ruling, to go with the application's save: refused if the objection was ruled meanwhile. */
export function ruledObjectionItem(applicationId: ApplicationId, o: Objection): With {
  return ruledTargetObjectionItem({ kind: 'application', id: applicationId }, o);
}

/** As ruledObjectionItem, for an application or a grant (a ruled objection leaves the queue). */
export function ruledTargetObjectionItem(target: ObjectionTarget, o: Objection): With {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: itemOf(target, o),
        // an objection of the old inline shape has no item yet: its ruling creates it
        ConditionExpression: 'attribute_not_exists(#o.#r)',
        ExpressionAttributeNames: { '#o': 'objection', '#r': 'resolution' },
      },
    },
    onConditionFailed: () => new DomainError('CONFLICT', '该异议已被处理，请刷新后查看'),
  };
}

/** How many objections this user raised against the application (the limit's count, read before writing). */
export function objectionCountBy(applicationId: ApplicationId, userId: UserId): Promise<number> {
  return objectionCountOn({ kind: 'application', id: applicationId }, userId);
}

/** How many objections this objector (a user or a public objector) raised against the target. */
export async function objectionCountOn(
  target: ObjectionTarget,
  by: UserId | PublicObjectorRef,
): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { PK: targetPk(target), SK: objectorSk(by) },
      ConsistentRead: true,
    }),
  );
  return typeof Item?.count === 'number' ? Item.count : 0;
}

/** Objections stored inside the application item before they were items of their own. */
function inlineObjections(app: Application): Objection[] {
  const stored = (app as { objections?: unknown }).objections;
  if (!Array.isArray(stored)) return [];
  return (stored as Omit<Objection, 'aggregateId'>[]).map((o) => ({ ...o, aggregateId: app.id }));
}

/**
 * Counters of an application stored before objections were items: derived from its inline
 * list (or 0). Applied to every application read from the table.
 */
export function withObjectionCounters<A extends ObjectionCounters>(
  state: A & { objections?: unknown },
): A {
  if (typeof state.objectionsRaised === 'number' && typeof state.objectionsOpen === 'number')
    return state;
  const inline = Array.isArray(state.objections)
    ? (state.objections as { resolution?: unknown }[])
    : [];
  return {
    ...state,
    objectionsRaised: inline.length,
    objectionsOpen: inline.filter((o) => o.resolution === undefined).length,
  };
}

/** Every objection of the application, oldest first (staff and the applicant's own detail view). */
export async function objectionsOf(app: Application): Promise<Objection[]> {
  const inline = inlineObjections(app);
  if (app.objectionsRaised === 0 && inline.length === 0) return [];
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :obj)',
    ExpressionAttributeValues: { ':pk': pk(app.id), ':obj': 'OBJ#' },
    ConsistentRead: true,
  });
  const byId = new Map<string, Objection>(inline.map((o) => [o.id, o]));
  for (const i of items) {
    const o = i.objection as Objection;
    byId.set(o.id, o);
  }
  return [...byId.values()].sort((a, b) =>
    a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0,
  );
}

/** One objection of the application, or undefined. */
export async function findObjection(
  app: Application,
  id: ObjectionId,
): Promise<Objection | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { PK: pk(app.id), SK: objectionSk(id) },
      ConsistentRead: true,
    }),
  );
  if (Item) return Item.objection as Objection;
  return inlineObjections(app).find((o) => o.id === id);
}

const PAGE = 20;
const MAX_PAGE = 100;

/** The objections one user raised (as their subject), newest first. */
export async function listObjectionsBy(
  subjectId: SubjectId,
  userId: UserId,
  cursor?: string,
  limit?: number,
): Promise<Page<Objection>> {
  const list = `objections:by:${subjectId}:${userId}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'bySubject',
      KeyConditionExpression: 'subjectPk = :p AND begins_with(subjectSk, :obj)',
      FilterExpression: 'raisedBy = :u',
      ExpressionAttributeValues: { ':p': subjectPk(subjectId), ':obj': 'OBJ#', ':u': userId },
      ScanIndexForward: false,
      Limit: Math.min(Math.max(1, limit ?? PAGE), MAX_PAGE),
      ExclusiveStartKey: decodeCursor(cursor, isKey, list),
    }),
  );
  const items = (out.Items ?? []).map((i) => i.objection as Objection);
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, list) }
    : { items };
}

// ---- grants' objections, the department's queue, public objections (issue 14) ----------

/** Every objection of a grant, oldest first. */
export async function grantObjections(grantId: GrantId): Promise<Objection[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :obj)',
    ExpressionAttributeValues: { ':pk': targetPk({ kind: 'grant', id: grantId }), ':obj': 'OBJ#' },
    ConsistentRead: true,
  });
  return items
    .map((i) => i.objection as Objection)
    .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
}

/** One objection of the target, or undefined (an application's inline ones: findObjection). */
export async function findTargetObjection(
  target: ObjectionTarget,
  id: ObjectionId,
): Promise<Objection | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { PK: targetPk(target), SK: objectionSk(id) },
      ConsistentRead: true,
    }),
  );
  return Item ? (Item.objection as Objection) : undefined;
}

export interface QueuedObjection {
  target: ObjectionTarget;
  objection: Objection;
}

/** The department's open objections (applications' and grants'), oldest first. */
export async function openObjectionsOf(
  department: DepartmentCode,
  cursor?: string,
  limit?: number,
): Promise<Page<QueuedObjection>> {
  const list = `objections:dept:${department}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'reviewQueue',
      KeyConditionExpression: 'queuePk = :p',
      ExpressionAttributeValues: { ':p': deptQueuePk(department) },
      Limit: Math.min(Math.max(1, limit ?? PAGE), MAX_PAGE),
      ExclusiveStartKey: decodeCursor(cursor, isKey, list),
    }),
  );
  const items = (out.Items ?? []).map((i) => ({
    target: i.target as ObjectionTarget,
    objection: i.objection as Objection,
  }));
  return out.LastEvaluatedKey
    ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey, list) }
    : { items };
}

/** The pointer that lets a public objector find their objection by its id and code. */
export function publicObjectionPointerItem(
  target: ObjectionTarget,
  id: ObjectionId,
  codeHash: string,
): With {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...publicPointerKey(id), kind: 'public-objection', target, codeHash },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () => new DomainError('DUPLICATE', '异议已存在'),
  };
}

/** A public objection by its id: where it is and the hash of its code; undefined when unknown. */
export async function findPublicObjection(
  id: ObjectionId,
): Promise<{ target: ObjectionTarget; codeHash: string; objection?: Objection } | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: publicPointerKey(id), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const target = Item.target as ObjectionTarget;
  return {
    target,
    codeHash: Item.codeHash as string,
    objection: await findTargetObjection(target, id),
  };
}
