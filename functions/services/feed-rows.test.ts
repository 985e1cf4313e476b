import { marketRegistry } from '../../shared/facts/examples';
import type { FeedRow } from '../../shared/feeds/stream';
import type { Item } from '../repositories/table';
import { FeedRows, type FactWriter, type FeedRowsOptions } from './feed-rows';

const fact = marketRegistry({ name: '甲' });
/** an accepted row; rows with the same `identity` (subject, source, period start) are merged */
const accepted = (line: number, identity = 'a'): FeedRow => ({
  line,
  end: line * 10,
  fact,
  identity,
});
const rejected = (line: number): FeedRow => ({
  line,
  end: line * 10,
  reasons: ['统一社会信用代码校验位不正确'],
  raw: 'x',
});

function rowsWith(o: Partial<FeedRowsOptions> = {}) {
  const items: Item[] = [];
  const facts: number[] = [];
  const rows = new FeedRows({
    jobId: 'fjb_00000000000000000000000000000001',
    resume: { line: 0, bytesRead: 0, counts: { rowsRead: 0, accepted: 0, rejected: 0, merged: 0 } },
    sink: { put: (item) => Promise.resolve(void items.push(item)) },
    writeFact: (_fact, row) => Promise.resolve(void facts.push(row.line)),
    recordedAt: '2026-11-28T00:00:00.000Z',
    every: 1000,
    onEvery: () => Promise.resolve(),
    ...o,
  });
  return { rows, items, facts };
}

describe('feed rows, shared by the sequential import and the fan-out (issue #16)', () => {
  // the version records key facts by SubjectId, an HMAC under this key
  const saved = process.env.SUBJECT_ID_KEY;
  beforeAll(() => (process.env.SUBJECT_ID_KEY = 'k'.repeat(32)));
  afterAll(() => {
    if (saved === undefined) delete process.env.SUBJECT_ID_KEY;
    else process.env.SUBJECT_ID_KEY = saved;
  });

  it('counts and writes accepted, repeated and rejected rows, each fact with its version record', async () => {
    const { rows, items, facts } = rowsWith();
    for (const r of [accepted(1), accepted(2, 'b'), accepted(3), rejected(4)]) await rows.handle(r);
    expect(rows.counts).toEqual({ rowsRead: 4, accepted: 3, rejected: 1, merged: 1 });
    expect(facts).toEqual([1, 2, 3]);
    expect(items.map((i) => i.kind)).toEqual([
      'fact_version',
      'fact_version',
      'fact_version',
      'feed-rejected-row',
    ]);
    expect([rows.lastLine, rows.lastEnd]).toEqual([4, 40]);
  });

  it('replays the rows up to the checkpoint only into the duplicate index: nothing written or counted twice', async () => {
    const counts = { rowsRead: 2, accepted: 2, rejected: 0, merged: 0 };
    const { rows, items, facts } = rowsWith({ resume: { line: 2, bytesRead: 20, counts } });
    for (const r of [accepted(1), accepted(2, 'b'), accepted(3)]) await rows.handle(r);
    // line 3 repeats line 1, which was replayed: it is merged
    expect(rows.counts).toEqual({ rowsRead: 3, accepted: 3, rejected: 0, merged: 1 });
    expect(facts).toEqual([3]);
    expect(items).toHaveLength(1);
    expect(counts.rowsRead).toBe(2); // the resumed counts are copied, not moved
  });

  it('checkpoints every `every` rows and starts the next checkpoint from the line it reached', async () => {
    const at: number[] = [];
    const { rows } = rowsWith({
      every: 2,
      onEvery: () => {
        at.push(rows.lastLine);
        expect(rows.checkpointLine).toBe(at.length === 1 ? 0 : at[at.length - 2]);
        rows.checkpointed();
        return Promise.resolve();
      },
    });
    for (let line = 1; line <= 5; line++) await rows.handle(rejected(line));
    expect(at).toEqual([2, 4]);
    expect(rows.checkpointLine).toBe(4);
  });

  it('loses no share of `merged` when concurrent fact writes finish out of order', async () => {
    const pending: (() => void)[] = [];
    const writeFact: FactWriter = (_fact, _row, merge) => {
      // the write goes on after handle returns, as a range's do; its share arrives later
      void new Promise<number>((resolve) => pending.push(() => resolve(1))).then(async (s) => {
        await Promise.resolve();
        merge(s);
      });
      return Promise.resolve();
    };
    const { rows } = rowsWith({ writeFact });
    for (let line = 1; line <= 6; line++) await rows.handle(accepted(line, line % 2 ? 'a' : 'b'));
    expect(rows.counts.merged).toBe(4); // the repeats seen by this reader
    for (const settle of pending.reverse()) settle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows.counts.merged).toBe(10);
  });
});
