import { marketRegistry } from '../facts/examples';
import { CSV_HEADER, factToCsvRow } from '../schemas/facts-import';
import { RangePlanner, RangeRowReader, type FeedPlan } from './plan';
import { FeedRowReader, LineSplitter, type FeedRow } from './stream';

/** The plan of `bytes` fed in chunks of `chunk` bytes. */
function planOf(format: 'csv' | 'jsonl', bytes: Buffer, rangeBytes: number, chunk = 7): FeedPlan {
  const p = new RangePlanner(format, rangeBytes);
  for (let i = 0; i < bytes.length; i += chunk) p.push(bytes.subarray(i, i + chunk));
  return p.end();
}

/** A row as the import sees it: its line, and its fact identity or its reasons. */
const shape = (r: FeedRow) =>
  'fact' in r ? `${String(r.line)} ${r.identity}` : `${String(r.line)} ✗ ${r.reasons.join('；')}`;

function sequentialRows(format: 'csv' | 'jsonl', bytes: Buffer): string[] {
  const splitter = new LineSplitter();
  const reader = new FeedRowReader(format);
  return [
    ...reader.lines(splitter.push(bytes)),
    ...reader.lines(splitter.end()),
    ...reader.finish(),
  ].map(shape);
}

function rangedRows(format: 'csv' | 'jsonl', bytes: Buffer, plan: FeedPlan, chunk = 5): string[] {
  const out: string[] = [];
  for (const range of plan.ranges) {
    const reader = new RangeRowReader(format, range, plan.header);
    const span = bytes.subarray(range.start, range.end);
    for (let i = 0; i < span.length; i += chunk)
      out.push(...[...reader.push(span.subarray(i, i + chunk))].map(shape));
    out.push(...[...reader.finish()].map(shape));
  }
  return out;
}

const fact = (i: number) => marketRegistry({ name: `企业${String(i)}` });

const jsonl = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ...fact(i),
      period: { from: `2019-01-${String((i % 28) + 1).padStart(2, '0')}` },
    }),
  );

describe('feed fan-out plan (issue #16)', () => {
  it('cuts at line starts, each range at least rangeBytes, with its first line number', () => {
    const lines = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee']; // 5 bytes each with the newline
    const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
    const plan = planOf('jsonl', bytes, 10);
    expect(plan.ranges).toEqual([
      { index: 0, start: 0, end: 10, firstLine: 1 }, // a line ends exactly at the edge
      { index: 1, start: 10, end: 20, firstLine: 3 },
      { index: 2, start: 20, end: 25, firstLine: 5 },
    ]);
    expect(plan).toMatchObject({ bytes: 25, lines: 5, header: '' });
    // one byte short of the edge: the cut moves to the next line start
    expect(planOf('jsonl', bytes, 11).ranges.map((r) => [r.start, r.firstLine])).toEqual([
      [0, 1],
      [15, 4],
    ]);
  });

  it('never opens an empty range at the end; with no trailing newline the last line counts', () => {
    const ending = Buffer.from('aaaa\nbbbb\n');
    expect(planOf('jsonl', ending, 5).ranges).toEqual([
      { index: 0, start: 0, end: 5, firstLine: 1 },
      { index: 1, start: 5, end: 10, firstLine: 2 },
    ]);
    const open = Buffer.from('aaaa\nbbbb\ncc');
    const plan = planOf('jsonl', open, 5);
    expect(plan.ranges.at(-1)).toEqual({ index: 2, start: 10, end: 12, firstLine: 3 });
    expect(plan.lines).toBe(3);
    expect(planOf('jsonl', Buffer.alloc(0), 5)).toEqual({
      ranges: [{ index: 0, start: 0, end: 0, firstLine: 1 }],
      bytes: 0,
      lines: 0,
      header: '',
    });
  });

  it('keeps a line longer than a range whole: the next range starts at the next line', () => {
    const bytes = Buffer.from(`a\n${'x'.repeat(100)}\nb\nc\n`);
    const plan = planOf('jsonl', bytes, 4, 3);
    expect(plan.ranges.map((r) => [r.start, r.end, r.firstLine])).toEqual([
      [0, 103, 1],
      [103, 107, 3],
    ]);
  });

  it('counts CRLF lines like the sequential reader (the cut is after the \\n)', () => {
    const rows = jsonl(12).join('\r\n') + '\r\n';
    const bytes = Buffer.from(rows);
    const plan = planOf('jsonl', bytes, 200, 13);
    expect(plan.ranges.length).toBeGreaterThanOrEqual(4);
    for (const r of plan.ranges.slice(1)) expect(bytes[r.start - 1]).toBe(0x0a);
    expect(rangedRows('jsonl', bytes, plan)).toEqual(sequentialRows('jsonl', bytes));
  });

  it('never starts a CSV range inside a quoted field that spans lines, and carries the header', () => {
    const a = marketRegistry({ name: '甲\n乙\n丙\n丁\n戊' }); // a name over five physical lines
    const rows = [CSV_HEADER, factToCsvRow(a), factToCsvRow(fact(1)), factToCsvRow(a)];
    const bytes = Buffer.from(`\n${rows.join('\n')}\n`); // a blank line before the header too
    for (const size of [1, 10, 40, 90]) {
      const plan = planOf('csv', bytes, size, 3);
      expect(plan.header).toBe(`\n${CSV_HEADER}\n`);
      expect(plan.ranges[0]?.end).toBeGreaterThanOrEqual(Buffer.byteLength(plan.header));
      for (const r of plan.ranges.slice(1)) {
        // every range starts a record: its text begins with the subject's code
        const text = bytes.subarray(r.start, r.end).toString('utf8');
        expect(text.startsWith(a.subjectId) || text.startsWith('91620724')).toBe(true);
      }
      expect(rangedRows('csv', bytes, plan)).toEqual(sequentialRows('csv', bytes));
    }
  });

  it('a header longer than MAX_HEADER_BYTES (not a feed) leaves the file in one range', () => {
    const bytes = Buffer.from(`${'"'.repeat(1)}${'x'.repeat(70_000)}\n${'a\n'.repeat(100)}`);
    expect(planOf('csv', bytes, 10, 4096).ranges).toHaveLength(1);
  });

  it('ranges read alone give the same rows, line numbers and reasons as the whole file (4+ ranges, any chunking)', () => {
    const bad = { ...fact(3), subjectId: '91620724MA71XXXX0A' }; // a wrong check character
    const csv = [
      CSV_HEADER,
      ...Array.from({ length: 30 }, (_, i) => factToCsvRow(i % 7 === 3 ? bad : fact(i))),
      'not,a,row',
      factToCsvRow(marketRegistry({ name: '多行\n名称' })),
    ].join('\r\n');
    const json = [...jsonl(30), '{broken', '', JSON.stringify(bad)].join('\n');
    for (const [format, text] of [
      ['csv', csv],
      ['jsonl', json],
    ] as const) {
      const bytes = Buffer.from(text);
      for (const chunk of [1, 64, 4096]) {
        const plan = planOf(format, bytes, Math.floor(bytes.length / 6), chunk);
        expect(plan.ranges.length).toBeGreaterThanOrEqual(4);
        expect(plan.ranges.at(-1)?.end).toBe(bytes.length);
        expect(rangedRows(format, bytes, plan)).toEqual(sequentialRows(format, bytes));
      }
    }
  });
});
