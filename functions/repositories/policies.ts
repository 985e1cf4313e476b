/**
 * Policy versions and dated parameters (issue #11): the only code that knows their keys.
 *
 *   PK `POLICYCAT`            SK `V#<id>#<version>`   one policy version (its state, optimistic `version`)
 *                             SK `P#<name>`           one dated parameter (same)
 *   PK `POLVER#<id>#<version>` SK `EV#…`              the version's audit events (append-only)
 *   PK `PARAM#<name>`          SK `EV#…`              the parameter's audit events
 *   PK `POLICY#<id>`           SK `HEAD`               per policy: a revision bumped by every publish and
 *                                                     retire, so two publishes cannot both pass the
 *                                                     "no overlapping window" check
 *
 * Every version and parameter lives in the one `POLICYCAT` partition, so one strongly
 * consistent Query loads the whole catalogue (it is small: tens of documents), and each state
 * change is one transaction: the state under its version condition plus its events.
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError, notFound } from '../../shared/errors';
import type {
  ParameterEvent,
  ParameterRecord,
  PolicyVersionEvent,
  PolicyVersionRecord,
} from '../../shared/lifecycle/policy-version';
import { db, eventsOf, eventSk, queryAll, tableName, transact, type TransactItem } from './table';

const CATALOGUE_PK = 'POLICYCAT';
const pad = (v: number) => String(v).padStart(6, '0');
const versionKey = (id: string, version: number) => ({
  PK: CATALOGUE_PK,
  SK: `V#${id}#${pad(version)}`,
});
const versionEventsPk = (id: string, version: number) => `POLVER#${id}#${pad(version)}`;
const paramKey = (name: string) => ({ PK: CATALOGUE_PK, SK: `P#${name}` });
const paramEventsPk = (name: string) => `PARAM#${name}`;
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
  if (!r) throw notFound(`政策「${id}」第${String(version)}版`);
  return r;
}

/** The per-policy publish revision (0 before the first publish). */
export async function policyHeadRevision(id: string): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: headKey(id), ConsistentRead: true }),
  );
  return Item ? Number(Item.rev) : 0;
}

function conditional(expectedVersion: number | 'new') {
  return expectedVersion === 'new'
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : {
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': expectedVersion },
      };
}

function eventItems(pk: string, events: readonly { version: number }[]): TransactItem[] {
  return events.map((e, i) => ({
    Put: {
      TableName: tableName(),
      Item: { PK: pk, SK: eventSk(e.version, i), kind: 'event', event: e },
      ConditionExpression: 'attribute_not_exists(PK)', // append-only
    },
  }));
}

function versionItems(
  next: PolicyVersionRecord,
  events: readonly PolicyVersionEvent[],
  expectedVersion: number | 'new',
  order: number,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...versionKey(next.policyId, next.policyVersion),
          kind: 'policyVersion',
          order,
          state: next,
          version: next.version,
        },
        ...conditional(expectedVersion),
      },
    },
    ...eventItems(versionEventsPk(next.policyId, next.policyVersion), events),
  ];
}

function paramItems(
  next: ParameterRecord,
  events: readonly ParameterEvent[],
  expectedVersion: number | 'new',
): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...paramKey(next.name), kind: 'parameter', state: next, version: next.version },
        ...conditional(expectedVersion),
      },
    },
    ...eventItems(paramEventsPk(next.name), events),
  ];
}

/**
 * The record and its events under an optimistic condition ('new': DUPLICATE if that version
 * number exists) and — for a publish or a retire — the policy's head revision as it was read
 * (CONFLICT if another publish or retire of the policy came first).
 */
export async function savePolicyVersion(
  next: PolicyVersionRecord,
  events: readonly PolicyVersionEvent[],
  expectedVersion: number | 'new',
  opts: { order?: number; headRevision?: number } = {},
): Promise<void> {
  const items = versionItems(next, events, expectedVersion, opts.order ?? LATER_ORDER);
  if (opts.headRevision !== undefined) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...headKey(next.policyId), rev: opts.headRevision + 1 },
        ConditionExpression: 'attribute_not_exists(PK) OR rev = :r',
        ExpressionAttributeValues: { ':r': opts.headRevision },
      },
    });
  }
  await transact(items, (index) => {
    if (index === 0) {
      return expectedVersion === 'new'
        ? new DomainError(
            'DUPLICATE',
            `政策「${next.policyId}」第${String(next.policyVersion)}版已存在`,
            {
              reason: 'DUPLICATE_VERSION',
            },
          )
        : conflict();
    }
    if (index === items.length - 1 && opts.headRevision !== undefined)
      return conflict('该政策的另一个版本刚刚发布或停止，请刷新后重试');
    return conflict();
  });
}

export function policyVersionTimeline(id: string, version: number): Promise<PolicyVersionEvent[]> {
  return eventsOf<PolicyVersionEvent>(versionEventsPk(id, version));
}

export async function findParameter(name: string): Promise<ParameterRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: paramKey(name), ConsistentRead: true }),
  );
  return Item ? (Item.state as ParameterRecord) : undefined;
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
  return eventsOf<ParameterEvent>(paramEventsPk(name));
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
  return writes.reduce((n, w) => n + 1 + w.events.length, 0);
}

/**
 * An import, all or nothing: every new draft and every parameter, with their events, in one
 * transaction. A version number or parameter that changed since it was read fails the whole
 * import; nothing is half-saved.
 */
export async function saveImport(writes: readonly ImportWrite[]): Promise<void> {
  const items = writes.flatMap((w) =>
    w.kind === 'parameter'
      ? paramItems(w.next, w.events, w.expectedVersion)
      : versionItems(w.next, w.events, 'new', LATER_ORDER),
  );
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `一次导入的内容过多（${String(items.length)} 项写入，上限 ${String(MAX_TRANSACTION_ITEMS)}）`,
      { reason: 'IMPORT_TOO_LARGE' },
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
  // only the keys: the catalogue's documents are not needed to know what is there
  const have = new Set(
    (
      await queryAll({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': CATALOGUE_PK },
        ProjectionExpression: 'SK',
        ConsistentRead: true,
      })
    ).map((i) => String(i.SK)),
  );
  const newV = versions.filter(
    (v) => !have.has(versionKey(v.next.policyId, v.next.policyVersion).SK),
  );
  const newP = parameters.filter((p) => !have.has(paramKey(p.next.name).SK));
  const items = [
    ...newV.flatMap((v) => versionItems(v.next, v.events, 'new', v.order)),
    ...newP.flatMap((p) => paramItems(p.next, p.events, 'new')),
  ].map((t) => (t.Put as { Item: Record<string, unknown> }).Item);
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await Promise.all(
    chunks.map(async (chunk) => {
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === 8) throw new Error('seed catalogue: unprocessed items');
        const out = await db().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
        );
        requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
      }
    }),
  );
  return { versions: newV.length, parameters: newP.length };
}
