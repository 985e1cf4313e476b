import { marketRegistry } from '../facts/examples';
import { CSV_HEADER, factToCsvRow } from '../schemas/facts-import';
import {
  FeedFormatError,
  FeedRowReader,
  IdentitySet,
  LineSplitter,
  rejectedRowsCsv,
  type FeedRow,
} from './stream';

/** All rows of `text` fed in chunks of `size` bytes. */
function rowsOf(format: 'csv' | 'jsonl', text: string, size: number): FeedRow[] {
  const bytes = Buffer.from(text);
  const splitter = new LineSplitter();
  const reader = new FeedRowReader(format);
  const out: FeedRow[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...reader.lines(splitter.push(bytes.subarray(i, i + size))));
  out.push(...reader.lines(splitter.end()), ...reader.finish());
  return out;
}

describe('feed stream (issue #16)', () => {
  const a = marketRegistry({ name: '甲，"乙"\n丙' }); // a comma, quotes and a newline in a field
  const b = marketRegistry({ name: '丁' }, '91620724MA71XXXX0N');

  it('splits lines across chunk boundaries, in any chunk size, with exact byte offsets (UTF-8, CRLF)', () => {
    const text = '一行\r\n第二行\n\n末行';
    for (const size of [1, 2, 3, 7, 1000]) {
      const splitter = new LineSplitter();
      const bytes = Buffer.from(text);
      const lines = [];
      for (let i = 0; i < bytes.length; i += size)
        lines.push(...splitter.push(bytes.subarray(i, i + size)));
      lines.push(...splitter.end());
      expect(lines.map((l) => l.text)).toEqual(['一行', '第二行', '', '末行']);
      expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
      expect(lines.at(-1)?.end).toBe(bytes.length);
      expect(lines[0]?.end).toBe(Buffer.byteLength('一行\r\n'));
    }
  });

  it('reads CSV records whose quoted fields span lines, numbered by the line they start on', () => {
    // pretty-printed JSON in the quoted values field: a record over several physical lines
    const pretty = JSON.stringify(a.values, null, 1);
    const multi = `${a.subjectId},market_registry,2019-01-01,,"${pretty.replace(/"/g, '""')}"`;
    const text = [CSV_HEADER, multi, factToCsvRow(b)].join('\n');
    const next = 2 + pretty.split('\n').length;
    for (const size of [3, 64, 10_000]) {
      const rows = rowsOf('csv', text, size);
      expect(rows.map((r) => r.line)).toEqual([2, next]);
      expect(rows.every((r) => 'fact' in r)).toBe(true);
      expect(rows[0] && 'fact' in rows[0] ? rows[0].fact.values : undefined).toEqual(a.values);
    }
  });

  it('rejects rows with Chinese reasons and keeps their raw text; an unclosed quote at the end is a rejected row', () => {
    const bad = { ...b, subjectId: '91620724MA71XXXX0A' };
    const text = [
      CSV_HEADER,
      factToCsvRow(bad),
      'x,y',
      `${factToCsvRow(b).slice(0, 40)}"open`,
    ].join('\n');
    const rows = rowsOf('csv', text, 16);
    expect(rows.map((r) => ('reasons' in r ? [r.line, r.reasons[0]] : [r.line]))).toEqual([
      [2, expect.stringMatching(/^主体代码：统一社会信用代码校验位错误/)],
      [3, '列数为2，应为5'],
      [4, '引号未闭合'],
    ]);
    expect(rows[1] && 'raw' in rows[1] ? rows[1].raw : '').toBe('x,y');
  });

  it('fails the file when the CSV header lacks a column', () => {
    expect(() => rowsOf('csv', 'subjectId,source\nx,y\n', 100)).toThrow(FeedFormatError);
    expect(() => rowsOf('csv', 'subjectId,source\n', 100)).toThrow('第 1 行：表头缺少列');
  });

  it('reads JSON lines, skipping blank lines', () => {
    const rows = rowsOf('jsonl', `${JSON.stringify(a)}\n\n{oops\n${JSON.stringify(b)}`, 5);
    expect(rows.map((r) => [r.line, 'fact' in r])).toEqual([
      [1, true],
      [3, false],
      [4, true],
    ]);
  });

  it('IdentitySet: tells repeats from new identities, past many growths', () => {
    const set = new IdentitySet(4);
    let repeats = 0;
    for (let i = 0; i < 50_000; i++) if (set.add(`id-${String(i)}`)) repeats++;
    expect(repeats).toBe(0);
    for (let i = 0; i < 50_000; i += 997) if (set.add(`id-${String(i)}`)) repeats++;
    expect(repeats).toBe(Math.ceil(50_000 / 997));
    expect(set.size).toBe(50_000);
    expect(set.bytes).toBeLessThanOrEqual(50_000 * 32);
  });

  it('rejected rows CSV: BOM, header, quoted reasons, and no spreadsheet formulas from feed text', () => {
    const csv = rejectedRowsCsv([{ line: 8, reasons: ['甲', '乙"丙'], raw: '=HYPERLINK("x")' }]);
    expect(csv).toBe('\uFEFF行号,原因,原始内容\r\n8,"甲；乙""丙","\'=HYPERLINK(""x"")"\r\n');
  });
});
