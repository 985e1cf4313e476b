/**
 * What the repositories' DynamoDB calls cost, as DynamoDB reports it: a middleware on the
 * shared client (functions/repositories/table.ts `db()`) asks every call for
 * `ReturnConsumedCapacity: TOTAL` and sums the answers (DynamoDB Local reports them as
 * on-demand DynamoDB would bill them: 1 WCU per started KB written, 2 per item in a
 * transaction; 1 RCU per started 4 KB strongly read, half that eventually consistent).
 * Bench code only: the services never ask for it.
 */
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
      addConsumed(
        tally,
        (context.commandName ?? 'unknown').replace(/Command$/, ''),
        output.ConsumedCapacity,
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
