/**
 * What the repositories' DynamoDB calls cost, as DynamoDB reports it: a middleware on the
 * shared client (functions/repositories/table.ts `db()`) asks every call for
 * `ReturnConsumedCapacity: TOTAL` and sums the answers (DynamoDB Local reports them as
 * on-demand DynamoDB would bill them: 1 WCU per started KB written, 2 per item in a
 * transaction; 1 RCU per started 4 KB strongly read, half that eventually consistent).
 * Bench code only: the services never ask for it.
 *
 * Except for transactions: for a TransactWriteItems DynamoDB Local reports what ONE of its
 * items costs, not their sum (measured: 25 puts of 1.4 KB report 4 units, as one put does; a
 * BatchWriteItem of the same 25 reports 100, their sum). So a transaction is counted from its
 * items by the rule the engine applies to one: 2 units per started KB of the item and 2 per
 * started KB projected into each index the item is written to (`transactionWriteUnits`).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import table from '../../infra/table.json';
import { db } from '../../functions/repositories/table';

const NAME = 'zhidaBenchCapacity';

export interface CapacityTally {
  read: number;
  write: number;
  /** calls that reported capacity, by operation (GetItem, Query, TransactWriteItems …) */
  calls: Record<string, number>;
}

interface Consumed {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  CapacityUnits?: number;
}

/** Sums what one answer reports: a single ConsumedCapacity or one per table (batch, transaction). */
export function addConsumed(
  tally: CapacityTally,
  operation: string,
  consumed: Consumed | readonly Consumed[] | undefined,
): void {
  if (!consumed) return;
  const list: readonly Consumed[] = Array.isArray(consumed) ? consumed : [consumed as Consumed];
  for (const c of list) {
    // DynamoDB Local fills CapacityUnits; AWS fills the read/write split too
    const read = c.ReadCapacityUnits ?? 0;
    const write = c.WriteCapacityUnits ?? 0;
    const units = c.CapacityUnits ?? read + write;
    if (read === 0 && write === 0) {
      if (/Get|Query|Scan/.test(operation)) tally.read += units;
      else tally.write += units;
    } else {
      tally.read += read;
      tally.write += write;
    }
  }
  tally.calls[operation] = (tally.calls[operation] ?? 0) + 1;
}

/** An item's size as DynamoDB counts it: attribute names and values, in bytes. */
export function itemBytes(item: Record<string, AttributeValue>): number {
  const size = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.length / 2) + 1;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.M)
      return (
        3 + Object.entries(v.M).reduce((a, [k, x]) => a + Buffer.byteLength(k) + size(x) + 1, 0)
      );
    if (v.L) return 3 + v.L.reduce((a, x) => a + size(x) + 1, 0);
    return JSON.stringify(v).length;
  };
  return Object.entries(item).reduce((a, [k, v]) => a + Buffer.byteLength(k) + size(v), 0);
}

type Index = { keys: string[]; projected?: string[] };
const TABLE_KEYS = table.KeySchema.map((k) => k.AttributeName);
/** The table's indexes (infra/table.json): their key attributes, and what they project (all when absent). */
const INDEXES: Index[] = table.GlobalSecondaryIndexes.map((g) => {
  const keys = g.KeySchema.map((k) => k.AttributeName);
  const p = g.Projection;
  if (p.ProjectionType === 'ALL') return { keys };
  return { keys, projected: [...TABLE_KEYS, ...keys, ...(p.NonKeyAttributes ?? [])] };
});

/** An item as the wire carries it: the document client's plain values marshalled. */
function wireItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  const values = Object.values(item);
  const isWire = values.every(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1,
  );
  return isWire
    ? (item as Record<string, AttributeValue>)
    : marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
}

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** Write units of one put in a transaction: 2 per started KB, in the table and in each index it enters. */
function putUnits(item: Record<string, AttributeValue>): number {
  let units = kb(itemBytes(item));
  for (const index of INDEXES) {
    if (!index.keys.every((k) => item[k] !== undefined)) continue;
    const projected = index.projected
      ? Object.fromEntries(Object.entries(item).filter(([k]) => index.projected?.includes(k)))
      : item;
    units += kb(itemBytes(projected));
  }
  return 2 * units;
}

/**
 * What a TransactWriteItems costs, from its items: puts by `putUnits`; an update, a delete or
 * a condition check 2 units (their items' sizes are not in the request: the stores' updates
 * and deletes here are counters, checkpoints and claims, each under 1 KB).
 */
export function transactionWriteUnits(items: readonly Record<string, unknown>[]): number {
  return items.reduce<number>((sum, t) => {
    const put = t.Put as { Item?: Record<string, unknown> } | undefined;
    return sum + (put?.Item ? putUnits(wireItem(put.Item)) : 2);
  }, 0);
}

const CAPACITY_INPUT = ['TableName', 'TransactItems', 'RequestItems'];

/** Starts counting every call through `db()`; `stop()` removes the middleware. */
export function countCapacity(): { tally: CapacityTally; reset(): void; stop(): void } {
  const tally: CapacityTally = { read: 0, write: 0, calls: {} };
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (CAPACITY_INPUT.some((k) => k in input) && !('AttributeDefinitions' in input))
        input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const output = out.output as { ConsumedCapacity?: Consumed | Consumed[] };
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const transactItems = input.TransactItems as Record<string, unknown>[] | undefined;
      addConsumed(
        tally,
        operation,
        operation === 'TransactWriteItems' && transactItems
          ? { WriteCapacityUnits: transactionWriteUnits(transactItems) }
          : output.ConsumedCapacity,
      );
      return out;
    },
    { step: 'initialize', name: NAME, override: true },
  );
  return {
    tally,
    reset: () => {
      tally.read = 0;
      tally.write = 0;
      tally.calls = {};
    },
    stop: () => {
      db().middlewareStack.remove(NAME);
    },
  };
}
