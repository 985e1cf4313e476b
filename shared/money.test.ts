import { ZERO, addFen, fen, formatFen, minFen, mulFen, subFen, sumFen, yuan } from './money';

describe('money (integer fen)', () => {
  it('fen() accepts safe integers and refuses floats, NaN and huge values', () => {
    expect(fen(123)).toBe(123);
    expect(fen(-5)).toBe(-5);
    expect(() => fen(1.5)).toThrow(RangeError);
    expect(() => fen(0.1 + 0.2)).toThrow(RangeError);
    expect(() => fen(Number.NaN)).toThrow(RangeError);
    expect(() => fen(2 ** 53)).toThrow(RangeError);
  });

  it('yuan() converts policy amounts with up to 2 decimals', () => {
    expect(yuan(200_000)).toBe(20_000_000);
    expect(yuan(1234.56)).toBe(123_456);
    expect(yuan(0.1)).toBe(10);
    expect(() => yuan(1.005)).toThrow(RangeError);
  });

  it('formats as ¥1,234.56 or 1234.56元', () => {
    expect(formatFen(fen(123_456))).toBe('¥1,234.56');
    expect(formatFen(fen(123_456), 'suffix')).toBe('1234.56元');
    expect(formatFen(fen(20_000_000))).toBe('¥200,000.00');
    expect(formatFen(fen(5))).toBe('¥0.05');
    expect(formatFen(ZERO)).toBe('¥0.00');
  });

  it('formats negatives with a leading minus', () => {
    expect(formatFen(fen(-123_456))).toBe('-¥1,234.56');
    expect(formatFen(fen(-7), 'suffix')).toBe('-0.07元');
  });

  it('adds, subtracts, multiplies and sums exactly', () => {
    expect(addFen(fen(10), fen(20))).toBe(30);
    expect(subFen(fen(10), fen(20))).toBe(-10);
    expect(mulFen(fen(100_000), 3)).toBe(300_000);
    expect(() => mulFen(fen(100), 0.5)).toThrow(RangeError);
    expect(minFen(fen(3), fen(2))).toBe(2);
    expect(sumFen([fen(10), fen(20), fen(30)])).toBe(60);
    expect(sumFen([])).toBe(0);
  });
});
