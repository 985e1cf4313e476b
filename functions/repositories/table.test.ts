import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetChunks, db, type Item } from './table';

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
    const left = [3, 2, 1, 0];
    const items = [item(1), item(2), item(3), item(4)];
    const { sizes } = fakeTable(items, () => left.shift() ?? 0);
    const reading = batchGetChunks(items.map(keyOf));
    await jest.advanceTimersByTimeAsync(19);
    expect(sizes()).toEqual([4]); // the first retry waits 20 ms
    await jest.advanceTimersByTimeAsync(1 + 40 + 80);
    expect(numbers(await reading)).toEqual([1, 2, 3, 4]);
    expect(sizes()).toEqual([4, 3, 2, 1]);
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
