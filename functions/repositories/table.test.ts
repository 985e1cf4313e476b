import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { BATCH_GET_IN_FLIGHT, batchGetChunks, db, type Item } from './table';

const TABLE = 'zhida-unit';
const saved = process.env.TABLE_NAME;
beforeAll(() => (process.env.TABLE_NAME = TABLE));
afterAll(() => {
  if (saved === undefined) delete process.env.TABLE_NAME;
  else process.env.TABLE_NAME = saved;
});
afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

const item = (n: number): Item => ({ PK: `X#${String(n)}`, SK: 'STATE', n });
const keyOf = (i: Item) => ({ PK: i.PK, SK: i.SK });

/**
 * A table without DynamoDB: each BatchGet answers the stored items its keys name, leaving
 * the first `unprocessed()` keys of the request unprocessed (as throttling does).
 */
function fakeTable(
  items: Item[],
  unprocessed: () => number = () => 0,
  /** holds each answer until it is released (default: answers at once) */
  hold: (answer: () => void) => void = (answer) => {
    answer();
  },
) {
  const byKey = new Map(items.map((i) => [`${String(i.PK)}|${String(i.SK)}`, i]));
  const sent: BatchGetCommand[] = [];
  const answer = (command: BatchGetCommand) => {
    const keys = (command.input.RequestItems?.[TABLE]?.Keys ?? []) as Item[];
    const skip = Math.min(unprocessed(), keys.length);
    return {
      Responses: {
        [TABLE]: keys
          .slice(skip)
          .map((k) => byKey.get(`${String(k.PK)}|${String(k.SK)}`))
          .filter((i) => i !== undefined),
      },
      UnprocessedKeys: skip > 0 ? { [TABLE]: { Keys: keys.slice(0, skip) } } : {},
    };
  };
  jest.spyOn(db(), 'send').mockImplementation(((command: BatchGetCommand) => {
    sent.push(command);
    return new Promise((resolve) => {
      hold(() => {
        resolve(answer(command));
      });
    });
  }) as never);
  const sizes = () => sent.map((c) => c.input.RequestItems?.[TABLE]?.Keys?.length);
  return { sent, sizes };
}

const numbers = (items: Item[]) => items.map((i) => Number(i.n)).sort((a, b) => a - b);

describe('batchGetChunks, the one BatchGet loop of the repositories', () => {
  it('reads any number of keys in BatchGets of at most 100, a repeated key once, a missing one left out', async () => {
    const items = Array.from({ length: 250 }, (_, n) => item(n));
    const { sizes } = fakeTable(items);
    const keys = [...items.map(keyOf), keyOf(item(0)), keyOf(item(999))];
    expect(numbers(await batchGetChunks(keys))).toEqual(items.map((i) => i.n));
    expect(sizes()).toEqual([100, 100, 51]);
  });

  it('sends every chunk at once, before any answer comes back', async () => {
    const items = Array.from({ length: 300 }, (_, n) => item(n));
    const answers: (() => void)[] = [];
    const { sent } = fakeTable(items, undefined, (answer) => answers.push(answer));
    const reading = batchGetChunks(items.map(keyOf));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toHaveLength(3);
    for (const answer of answers) answer();
    expect(await reading).toHaveLength(300);
    expect(sent).toHaveLength(3);
  });

  it('asks again for the unprocessed keys, with a growing pause, until every key is read', async () => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0.999); // the jitter at the top of its range
    const left = [3, 2, 1, 0];
    const items = [item(1), item(2), item(3), item(4)];
    const { sizes } = fakeTable(items, () => left.shift() ?? 0);
    const reading = batchGetChunks(items.map(keyOf));
    await jest.advanceTimersByTimeAsync(18);
    expect(sizes()).toEqual([4]); // the first retry waits (just under) 20 ms
    await jest.advanceTimersByTimeAsync(2 + 40 + 80);
    expect(numbers(await reading)).toEqual([1, 2, 3, 4]);
    expect(sizes()).toEqual([4, 3, 2, 1]);
  });

  it('payfix: the pause before a retry of unprocessed keys is drawn at random below the growing cap (full jitter)', async () => {
    jest.useFakeTimers();
    // two chunks throttled together no longer come back together: 0.25 × 20 ms, then 0.5 × 40 ms
    jest.spyOn(Math, 'random').mockReturnValueOnce(0.25).mockReturnValueOnce(0.5);
    const left = [2, 1, 0];
    const items = [item(1), item(2), item(3)];
    const { sizes } = fakeTable(items, () => left.shift() ?? 0);
    const reading = batchGetChunks(items.map(keyOf));
    await jest.advanceTimersByTimeAsync(4);
    expect(sizes()).toEqual([3]);
    await jest.advanceTimersByTimeAsync(1); // 5 ms: the old fixed 20 ms pause would not have retried yet
    expect(sizes()).toEqual([3, 2]);
    await jest.advanceTimersByTimeAsync(19);
    expect(sizes()).toEqual([3, 2]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sizes()).toEqual([3, 2, 1]);
    expect(numbers(await reading)).toEqual([1, 2, 3]);
  });

  it(`payfix: 40 chunks → never more than ${String(BATCH_GET_IN_FLIGHT)} BatchGets in flight; throttled keys are asked for again until all 4,000 are read`, async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0); // no pause: the test is about the cap
    const items = Array.from({ length: 4_000 }, (_, n) => item(n));
    const waiting: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const { sent } = fakeTable(
      items,
      // every third request is throttled: 30 of its keys come back unprocessed
      () => (++calls % 3 === 0 ? 30 : 0),
      (answer) => {
        inFlight++;
        most = Math.max(most, inFlight);
        waiting.push(() => {
          inFlight--;
          answer();
        });
      },
    );
    const reading = batchGetChunks(items.map(keyOf));
    let result: Item[] | undefined;
    void reading.then((r) => (result = r));
    // answer one request at a time, as the slowest DynamoDB would
    while (result === undefined) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(inFlight).toBeLessThanOrEqual(BATCH_GET_IN_FLIGHT);
      waiting.shift()?.();
    }
    expect(most).toBe(BATCH_GET_IN_FLIGHT);
    expect(numbers(result)).toEqual(items.map((i) => i.n));
    expect(sent.length).toBeGreaterThan(40); // the throttled keys were asked for again
  });

  it('passes a projection and a consistent read through; no keys, no request', async () => {
    const { sent } = fakeTable([item(1)]);
    expect(await batchGetChunks([])).toEqual([]);
    expect(sent).toHaveLength(0);
    await batchGetChunks([keyOf(item(1))]);
    expect(sent[0]?.input.RequestItems?.[TABLE]).toEqual({ Keys: [keyOf(item(1))] });
    await batchGetChunks([keyOf(item(1))], { projection: 'PK, runId', consistentRead: true });
    expect(sent[1]?.input.RequestItems?.[TABLE]).toEqual({
      Keys: [keyOf(item(1))],
      ProjectionExpression: 'PK, runId',
      ConsistentRead: true,
    });
  });
});
