import { instant } from './calendar';
import { displayCodeOf, normaliseDisplayCode } from './display-code';

const AT = instant('2020-12-15T02:00:00.000Z');

describe('displayCodeOf (办件编号)', () => {
  it('is short, dated, deterministic and differs between ids', () => {
    const a = displayCodeOf('app_01JC8Z4Q5W0000000000000000', AT);
    expect(a).toMatch(/^201215-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(displayCodeOf('app_01JC8Z4Q5W0000000000000000', AT)).toBe(a);
    expect(displayCodeOf('app_01JC8Z4Q5W0000000000000001', AT)).not.toBe(a);
    // the day is Shanghai's: 2020-12-15T20:00Z is already the 16th there
    expect(displayCodeOf('app_x', instant('2020-12-15T20:00:00.000Z'))).toMatch(/^201216-/);
  });

  it('finds a code as people type it', () => {
    const code = displayCodeOf('app_01JC8Z4Q5W0000000000000000', AT);
    expect(normaliseDisplayCode(` ${code.toLowerCase()} `)).toBe(code);
    expect(normaliseDisplayCode('2O1215-ab1')).toBe('201215-AB1');
  });

  it('has few clashes among a day of ids', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++)
      codes.add(displayCodeOf(`app_01JC8Z4Q5W${String(i).padStart(16, '0')}`, AT));
    expect(codes.size).toBeGreaterThanOrEqual(4998);
  });
});
