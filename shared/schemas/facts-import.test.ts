import { employerInsurance, marketRegistry } from '../facts/examples';
import { csvRecords, CSV_HEADER, factToCsvRow, parseCsv, parseFeed, parseJsonLines } from './facts-import';

describe('facts feed parsing', () => {
  const facts = [marketRegistry(), employerInsurance()];

  it('JSON lines: accepts valid rows, skips blank lines, reports others by line with reasons', () => {
    const content = [JSON.stringify(facts[0]), '', '{"subjectId":"X","source":"tax"}', 'nope', JSON.stringify(facts[1])].join('\n');
    const r = parseJsonLines(content);
    expect(r.facts).toEqual(facts);
    expect(r.rows).toBe(4);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4]);
    expect(r.rejected[0]?.reasons.some((m) => m.startsWith('period'))).toBe(true);
    expect(r.rejected[1]?.reasons).toEqual(['不是有效的 JSON']);
  });

  it('CSV round-trips facts, with quoted JSON (commas, quotes, newlines) in the values column', () => {
    const withComma = marketRegistry({ name: '示例, "引号"\n换行有限公司' });
    const csv = [CSV_HEADER, factToCsvRow(withComma), factToCsvRow(facts[1]!)].join('\r\n');
    const r = parseCsv(csv);
    expect(r.rejected).toEqual([]);
    expect(r.facts).toEqual([withComma, facts[1]]);
  });

  it('CSV reports the line a record starts on, and a header missing columns', () => {
    // the third record's quoted values span two lines, so the last record starts on line 5
    const csv = [CSV_HEADER, factToCsvRow(marketRegistry()), 'x,tax,2020-01-01,,"{', '}"', 'short,row'].join('\n');
    const r = parseCsv(csv);
    expect(r.facts).toHaveLength(1);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 5]);
    expect(parseCsv('subjectId,source\nx,tax').rejected).toEqual([{ line: 1, reasons: ['表头缺少列：periodFrom, periodTo, values'] }]);
  });

  it('splits records per RFC 4180', () => {
    expect(csvRecords('a,"b,c",d\n"e""f",g\n')).toEqual([
      { line: 1, fields: ['a', 'b,c', 'd'] },
      { line: 2, fields: ['e"f', 'g'] },
    ]);
  });

  it('dispatches on the format field', () => {
    expect(parseFeed('jsonl', JSON.stringify(facts[0])).facts).toHaveLength(1);
    expect(parseFeed('csv', `${CSV_HEADER}\n${factToCsvRow(facts[0]!)}`).facts).toHaveLength(1);
  });
});
