import { csvField } from './audit-export';

describe('csvField (issue 14 export)', () => {
  it.each([
    ['plain', 'plain'],
    ['¥4,000.00', '"¥4,000.00"'],
    ['说"明"', '"说""明"""'],
    ['a\nb', '"a\nb"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('%s → %s', (v, out) => {
    expect(csvField(v)).toBe(out);
  });
  it('numbers are written as they are, undefined as empty', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(undefined)).toBe('');
  });
});
