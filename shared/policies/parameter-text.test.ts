import SEED_PARAMETER_DOCUMENTS from './data/parameters.json';
import { parameterValueText } from './parameters';

describe('parameterValueText (the guide never shows 分 or 基点)', () => {
  it('says money in yuan, rates in %, periods in words', () => {
    expect(parameterValueText(15_000_000, 'fen')).toBe('¥150,000.00');
    expect(parameterValueText(10_000, 'bp')).toBe('100%');
    expect(parameterValueText(150, 'bp')).toBe('1.5%');
    expect(parameterValueText(12, 'month')).toBe('12个月');
    expect(parameterValueText(5, 'day')).toBe('5天');
    expect(parameterValueText(3, 'person')).toBe('3人');
    expect(parameterValueText(1, 'household')).toBe('1户');
  });
});

describe('parameter notes (the reviewer page shows them)', () => {
  // issue #17: "种子文件" is our word for the source documents; a reviewer reads 政策原文
  it('never speak of our seed files', () => {
    expect(JSON.stringify(SEED_PARAMETER_DOCUMENTS)).not.toMatch(/种子|seed/i);
  });
});
