/**
 * The cost figure's capacity counting (capacity.ts) against DynamoDB Local itself: a
 * transaction of many items must count what each of its items costs, which the engine's own
 * TOTAL for a transaction does not (it reports one item's cost: the defect this reproduces).
 */
import {
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { startDynamoLocal, type DynamoLocal } from '../../infra/local/dynamodb-local';
import { TABLE, useEngine } from './auto-grant-figure';
import { countCapacity, transactionWriteUnits } from './capacity';

jest.setTimeout(120_000);

let engine: DynamoLocal;
let raw: DynamoDBClient;
let restore: () => void;
let seq = 0;

beforeAll(async () => {
  engine = await startDynamoLocal();
  restore = useEngine(engine);
  raw = localClient(engine.endpoint);
  await ensureTable(raw, TABLE);
});
afterAll(async () => {
  raw.destroy();
  restore();
  await engine.stop();
});

/** Items of the shapes the stores write: bare, in an ALL index, a KEYS_ONLY one, over a KB. */
const shapes: Record<string, (n: number) => Record<string, unknown>> = {
  'small, no index': (n) => ({ PK: `CAP#${n}`, SK: 'S', kind: 'claim', holderId: 'grt_x' }),
  '1.4 KB, no index': (n) => ({ PK: `CAP#${n}`, SK: 'S', blob: 'x'.repeat(1400) }),
  '1.4 KB in bySubject (ALL)': (n) => ({
    PK: `CAP#${n}`,
    SK: 'S',
    subjectPk: `SUBJ#${n}`,
    subjectSk: 'GRANT#a',
    blob: 'x'.repeat(1400),
  }),
  '2.5 KB in bySubject, byStatus (ALL) and byPolicy (KEYS_ONLY)': (n) => ({
    PK: `CAP#${n}`,
    SK: 'S',
    subjectPk: `SUBJ#${n}`,
    subjectSk: 'GRANT#a',
    statusPk: 'GRANT#publicity',
    statusSk: `2020#${n}`,
    policyPk: 'GRANT_POLICY#p',
    policySk: `publicity#${n}`,
    state: { id: `grt_${n}`, blob: 'y'.repeat(2500) },
  }),
};

/** What the engine reports for a transaction of this one item. */
async function engineUnitsOfOne(item: Record<string, unknown>): Promise<number> {
  const out = await raw.send(
    new TransactWriteItemsCommand({
      ReturnConsumedCapacity: 'TOTAL',
      TransactItems: [{ Put: { TableName: TABLE, Item: marshall(item) } }],
    }),
  );
  return out.ConsumedCapacity?.[0]?.CapacityUnits ?? NaN;
}

describe('capacity of a transaction', () => {
  it.each(Object.keys(shapes))('one item (%s): counted as the engine counts it', async (name) => {
    const make = shapes[name] as (n: number) => Record<string, unknown>;
    const item = make(seq++);
    const wire: Record<string, AttributeValue> = marshall(item);
    const counted = transactionWriteUnits([{ Put: { Item: item } }]);
    expect(transactionWriteUnits([{ Put: { Item: wire } }])).toBe(counted);
    expect(counted).toBe(await engineUnitsOfOne(make(seq++)));
  });

  it('25 items through the stores’ client: the sum of their costs, not one item’s', async () => {
    const make = shapes['1.4 KB in bySubject (ALL)'] as (n: number) => Record<string, unknown>;
    const one = await engineUnitsOfOne(make(seq++));
    const capacity = countCapacity();
    try {
      const { db } = await import('../../functions/repositories/table');
      await db().send(
        new TransactWriteCommand({
          TransactItems: Array.from({ length: 25 }, () => ({
            Put: { TableName: TABLE, Item: make(seq++) },
          })),
        }),
      );
      expect(capacity.tally.calls).toEqual({ TransactWriteItems: 1 });
      expect(capacity.tally.write).toBe(25 * one);
    } finally {
      capacity.stop();
    }
  });
});
