/**
 * Policy versions and dated parameters (issue #11): the only code that knows their keys.
 *
 *   PK `POLVER#<id>#<version>`  SK `STATE` | `EV#…`   one policy version (versioned record) and its events
 *   PK `PARAM#<name>`           SK `STATE` | `EV#…`   one dated parameter and its events
 *   PK `POLICY#<id>`            SK `HEAD`             per policy: a revision bumped by every publish and
 *                                                     retire, so two publishes cannot both pass the
 *                                                     "no overlapping window" check
 *   PK `POLICYCAT`              SK `V#<id>#<version>` | `P#<name>`
 *                               the catalogue: a copy of every version and parameter, written in the
 *                               same transaction as the record, so one strongly consistent Query
 *                               loads the whole catalogue (it is small: tens of documents)
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError, notFound } from '../../shared/errors';
import type {
  ParameterEvent,
  ParameterRecord,
  PolicyVersionEvent,
  PolicyVersionRecord,
} from '../../shared/lifecycle/policy-version';
import {
  db,
  eventsOf,
  eventSk,
  queryAll,
  saveAggregate,
  tableName,
  transact,
  type TransactItem,
} from './table';

const CATALOGUE_PK = 'POLICYCAT';
const pad = (v: number) => String(v).padStart(6, '0');
const versionKey = (id: string, version: number) => ({
  PK: `POLVER#${id}#${pad(version)}`,
  SK: 'STATE',
});
const versionCopyKey = (id: string, version: number) => ({
  PK: CATALOGUE_PK,
  SK: `V#${id}#${pad(version)}`,
});
const paramKey = (name: string) => ({ PK: `PARAM#${name}`, SK: 'STATE' });
const paramCopyKey = (name: string) => ({ PK: CATALOGUE_PK, SK: `P#${name}` });
const headKey = (id: string) => ({ PK: `POLICY#${id}`, SK: 'HEAD' });

/** Seeds keep their catalogue order (POLICIES.md §A–D); later policies follow by creation. */
export const LATER_ORDER = 1_000_000;

export interface CatalogueItems {
  versions: (PolicyVersionRecord & { order: number })[];
  parameters: ParameterRecord[];
}

/** The whole catalogue, every status, in one strongly consistent Query. */
export async function loadCatalogueItems(): Promise<CatalogueItems> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': CATALOGUE_PK },
    ConsistentRead: true,
  });
  const versions: CatalogueItems['versions'] = [];
  const parameters: ParameterRecord[] = [];
  for (const i of items) {
    if (i.kind === 'policyVersion')
      versions.push({ ...(i.state as PolicyVersionRecord), order: Number(i.order ?? LATER_ORDER) });
    else if (i.kind === 'parameter') parameters.push(i.state as ParameterRecord);
  }
  versions.sort(
    (a, b) =>
      a.order - b.order ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.policyId.localeCompare(b.policyId) ||
      a.policyVersion - b.policyVersion,
  );
  return { versions, parameters };
}

export async function findPolicyVersion(
  id: string,
  version: number,
): Promise<PolicyVersionRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: versionKey(id, version), ConsistentRead: true }),
  );
  return Item ? (Item.state as PolicyVersionRecord) : undefined;
}

export async function getPolicyVersion(id: string, version: number): Promise<PolicyVersionRecord> {
  const r = await findPolicyVersion(id, version);
  if (!r) throw notFound(`政策「${id}」第${version}版`);
  return r;
}

/** The per-policy publish revision (0 before the first publish). */
export async function policyHeadRevision(id: string): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: headKey(id), ConsistentRead: true }),
  );
  return Item ? Number(Item.rev) : 0;
}

function copyItem(next: PolicyVersionRecord, order: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...versionCopyKey(next.policyId, next.policyVersion),
        kind: 'policyVersion',
        order,
        state: next,
      },
    },
  };
}

function headItem(id: string, expectedRev: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...headKey(id), rev: expectedRev + 1 },
      ConditionExpression: 'attribute_not_exists(PK) OR rev = :r',
      ExpressionAttributeValues: { ':r': expectedRev },
    },
  };
}

/**
 * The record and its events under an optimistic condition ('new': DUPLICATE if that version
 * number exists), its catalogue copy, and — for a publish or a retire — the policy's head
 * revision as it was read (CONFLICT if another publish or retire came first).
 */
export async function savePolicyVersion(
  next: PolicyVersionRecord,
  events: readonly PolicyVersionEvent[],
  expectedVersion: number | 'new',
  opts: { order?: number; headRevision?: number } = {},
): Promise<void> {
  const order = opts.order ?? LATER_ORDER;
  await saveAggregate({
    key: versionKey(next.policyId, next.policyVersion),
    next,
    indexAttributes: { kind: 'policyVersionRecord' },
    expectedVersion,
    events,
    with: [
      { item: copyItem(next, order), onConditionFailed: () => conflict() },
      ...(opts.headRevision === undefined
        ? []
        : [
            {
              item: headItem(next.policyId, opts.headRevision),
              onConditionFailed: () => conflict('该政策的另一个版本刚刚发布或停止，请刷新后重试'),
            },
          ]),
    ],
  });
}

export function policyVersionTimeline(id: string, version: number): Promise<PolicyVersionEvent[]> {
  return eventsOf<PolicyVersionEvent>(versionKey(id, version).PK);
}

export async function findParameter(name: string): Promise<ParameterRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: paramKey(name), ConsistentRead: true }),
  );
  return Item ? (Item.state as ParameterRecord) : undefined;
}

function paramItems(
  next: ParameterRecord,
  events: readonly ParameterEvent[],
  expectedVersion: number | 'new',
): TransactItem[] {
  const table = tableName();
  return [
    {
      Put: {
        TableName: table,
        Item: {
          ...paramKey(next.name),
          kind: 'parameterRecord',
          state: next,
          version: next.version,
        },
        ConditionExpression: expectedVersion === 'new' ? 'attribute_not_exists(PK)' : '#v = :v',
        ...(expectedVersion === 'new'
          ? {}
          : {
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': expectedVersion },
            }),
      },
    },
    ...events.map((e, i) => ({
      Put: {
        TableName: table,
        Item: { PK: paramKey(next.name).PK, SK: eventSk(e.version, i), kind: 'event', event: e },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    })),
    {
      Put: {
        TableName: table,
        Item: { ...paramCopyKey(next.name), kind: 'parameter', state: next },
      },
    },
  ];
}

export async function saveParameter(
  next: ParameterRecord,
  events: readonly ParameterEvent[],
  expectedVersion: number | 'new',
): Promise<void> {
  await transact(paramItems(next, events, expectedVersion), (index) =>
    index === 0 && expectedVersion === 'new'
      ? new DomainError('DUPLICATE', '参数已存在')
      : conflict(),
  );
}

export function parameterTimeline(name: string): Promise<ParameterEvent[]> {
  return eventsOf<ParameterEvent>(paramKey(name).PK);
}

export type ImportWrite =
  | {
      kind: 'version';
      next: PolicyVersionRecord;
      events: readonly PolicyVersionEvent[];
    }
  | {
      kind: 'parameter';
      next: ParameterRecord;
      events: readonly ParameterEvent[];
      expectedVersion: number | 'new';
    };

/** DynamoDB's limit on one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export function importItemCount(writes: readonly ImportWrite[]): number {
  return writes.reduce((n, w) => n + 2 + w.events.length, 0);
}

/**
 * An import, all or nothing: every new draft (with its events and copy) and every parameter
 * in one transaction. A version number or parameter that changed since it was read fails the
 * whole import (DUPLICATE / CONFLICT); nothing is half-saved.
 */
export async function saveImport(writes: readonly ImportWrite[]): Promise<void> {
  const table = tableName();
  const items: TransactItem[] = [];
  for (const w of writes) {
    if (w.kind === 'parameter') {
      items.push(...paramItems(w.next, w.events, w.expectedVersion));
      continue;
    }
    const key = versionKey(w.next.policyId, w.next.policyVersion);
    items.push(
      {
        Put: {
          TableName: table,
          Item: { ...key, kind: 'policyVersionRecord', state: w.next, version: w.next.version },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...w.events.map((e, i) => ({
        Put: {
          TableName: table,
          Item: { PK: key.PK, SK: eventSk(e.version, i), kind: 'event', event: e },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
      copyItem(w.next, LATER_ORDER),
    );
  }
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `一次导入的内容过多（${items.length} 项写入，上限 ${MAX_TRANSACTION_ITEMS}）`,
      {
        reason: 'IMPORT_TOO_LARGE',
      },
    );
  }
  await transact(
    items,
    () =>
      new DomainError('DUPLICATE', '导入的版本或参数已被他人修改或已存在，未保存任何内容', {
        reason: 'IMPORT_CONFLICT',
      }),
  );
}

/**
 * Bootstrap: writes seed versions and parameters that are not in the table yet (a rerun
 * changes nothing, and a seed an admin has since retired stays retired). Batch writes: it
 * runs before anyone can use the table.
 */
export async function putSeedCatalogue(
  versions: readonly {
    next: PolicyVersionRecord;
    events: readonly PolicyVersionEvent[];
    order: number;
  }[],
  parameters: readonly { next: ParameterRecord; events: readonly ParameterEvent[] }[],
): Promise<{ versions: number; parameters: number }> {
  const existing = await loadCatalogueItems();
  const haveV = new Set(existing.versions.map((v) => `${v.policyId}#${v.policyVersion}`));
  const haveP = new Set(existing.parameters.map((p) => p.name));
  const newV = versions.filter((v) => !haveV.has(`${v.next.policyId}#${v.next.policyVersion}`));
  const newP = parameters.filter((p) => !haveP.has(p.next.name));
  const items: Record<string, unknown>[] = [];
  for (const v of newV) {
    const key = versionKey(v.next.policyId, v.next.policyVersion);
    items.push({ ...key, kind: 'policyVersionRecord', state: v.next, version: v.next.version });
    v.events.forEach((e, i) =>
      items.push({ PK: key.PK, SK: eventSk(e.version, i), kind: 'event', event: e }),
    );
    items.push({
      ...versionCopyKey(v.next.policyId, v.next.policyVersion),
      kind: 'policyVersion',
      order: v.order,
      state: v.next,
    });
  }
  for (const p of newP) {
    items.push(
      ...paramItems(p.next, p.events, 'new').map(
        (t) => (t.Put as { Item: Record<string, unknown> }).Item,
      ),
    );
  }
  // Published seeds count as a publish of their policy.
  for (const v of newV) items.push({ ...headKey(v.next.policyId), rev: 1 });
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === 8) throw new Error('seed catalogue: unprocessed items');
      const out = await db().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  }
  return { versions: newV.length, parameters: newP.length };
}
