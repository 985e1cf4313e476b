import { employerInsurance, marketRegistry } from '../facts/examples';
import { idNumberCheckChar, usccCheckChar } from '../subject';
import {
  csvRecords,
  CSV_HEADER,
  factToCsvRow,
  parseCsv,
  parseFeed,
  parseJsonLines,
} from './facts-import';

describe('facts feed parsing', () => {
  const facts = [marketRegistry(), employerInsurance()];

  it('JSON lines: accepts valid rows, skips blank lines, reports others by line with reasons', () => {
    const content = [
      JSON.stringify(facts[0]),
      '',
      '{"subjectId":"X","source":"tax"}',
      'nope',
      JSON.stringify(facts[1]),
    ].join('\n');
    const r = parseJsonLines(content);
    expect(r.facts).toEqual(facts);
    expect(r.rows).toBe(4);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4]);
    expect(r.rejected[0]?.reasons.some((m) => m.includes('期间'))).toBe(true);
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
    const csv = [
      CSV_HEADER,
      factToCsvRow(marketRegistry()),
      'x,tax,2020-01-01,,"{',
      '}"',
      'short,row',
    ].join('\n');
    const r = parseCsv(csv);
    expect(r.facts).toHaveLength(1);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 5]);
    expect(parseCsv('subjectId,source\nx,tax').rejected).toEqual([
      { line: 1, reasons: ['表头缺少列：periodFrom, periodTo, values'] },
    ]);
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

  describe('case 10: subject codes and duplicate rows', () => {
    const uscc17 = '91620724MA7100001';
    const goodUscc = uscc17 + usccCheckChar(uscc17);
    const badCheck = uscc17 + (usccCheckChar(uscc17) === '0' ? '1' : '0');
    const id17 = '62072419900101123';
    const goodId = id17 + idNumberCheckChar(id17);
    const badId = id17 + (idNumberCheckChar(id17) === '0' ? '1' : '0');
    const row = (code: string, from = '2020-01-01') =>
      JSON.stringify(marketRegistry({}, code, { from, to: null }));

    it('case 10: rejects a bad 统一社会信用代码 or 居民身份证号 per row with the reason', () => {
      const content = [
        row(goodUscc),
        row(badCheck),
        row('91620724MA7I00O01X'),
        row(goodId),
        row(badId),
        row('62072419901301123X'),
        row('123'),
      ].join('\n');
      const r = parseFeed('jsonl', content);
      expect(r.lines).toEqual([1, 4]);
      expect(r.rejected).toEqual([
        {
          line: 2,
          reasons: [`主体代码：统一社会信用代码校验位错误（应为 ${usccCheckChar(uscc17)}）`],
        },
        { line: 3, reasons: ['主体代码：统一社会信用代码不能含字母 I、O、S、V、Z（含有 I、O）'] },
        {
          line: 5,
          reasons: [`主体代码：居民身份证号校验位错误（应为 ${idNumberCheckChar(id17)}）`],
        },
        { line: 6, reasons: ['主体代码：居民身份证号的出生日期无效'] },
        {
          line: 7,
          reasons: ['主体代码：主体代码应为18位统一社会信用代码或居民身份证号，实为3位'],
        },
      ]);
    });

    it('case 10: stores codes upper case and trimmed', () => {
      const r = parseFeed('jsonl', row(` ${goodUscc.toLowerCase()} `));
      expect(r.rejected).toEqual([]);
      expect(r.facts[0]?.subjectId).toBe(goodUscc);
    });

    it('case 10: a row repeating an earlier row (same subject, source, period start) is rejected with both lines, in either format', () => {
      const jsonl = [
        row(goodUscc),
        row(goodId),
        row(goodUscc.toLowerCase()),
        row(goodUscc, '2021-01-01'),
        row(goodId),
      ].join('\n');
      const r = parseFeed('jsonl', jsonl);
      expect(r.rejected).toEqual([
        { line: 3, reasons: ['与第 1 行重复（同一主体、来源和期间开始日期 2020-01-01）'] },
        { line: 5, reasons: ['与第 2 行重复（同一主体、来源和期间开始日期 2020-01-01）'] },
      ]);
      expect(r.lines).toEqual([1, 2, 4]);
      expect(r.facts).toHaveLength(3);
      const csv = [
        CSV_HEADER,
        factToCsvRow(marketRegistry({}, goodId)),
        factToCsvRow(marketRegistry({ name: '另一名称' }, goodId)),
      ].join('\n');
      expect(parseFeed('csv', csv).rejected).toEqual([
        { line: 3, reasons: ['与第 2 行重复（同一主体、来源和期间开始日期 2019-01-01）'] },
      ]);
    });
  });
});
