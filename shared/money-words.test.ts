import { fenInWords, MAX_WORDS_FEN } from './money-words';
import { fen } from './money';

const words = (f: number) => fenInWords(fen(f));

describe('fenInWords (人民币大写)', () => {
  it.each([
    [500_000, '伍仟元整'],
    [0, '零元整'],
    [100, '壹元整'],
    [1_000, '壹拾元整'],
    [1_005, '壹拾元零伍分'],
    [105, '壹元零伍分'],
    [50, '伍角整'],
    [5, '伍分'],
    [55, '伍角伍分'],
    [123_456, '壹仟贰佰叁拾肆元伍角陆分'],
    [100_500, '壹仟零伍元整'],
    [105_000, '壹仟零伍拾元整'],
    [10_000_000, '壹拾万元整'],
    [20_000_000, '贰拾万元整'],
    [100_050_000, '壹佰万零伍佰元整'],
    [1_000_000_000, '壹仟万元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [15_000_000_000, '壹亿伍仟万元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [1_010_000, '壹万零壹佰元整'],
    [10_100_000, '壹拾万壹仟元整'],
    [300_000_000_000_000, '叁万亿元整'],
  ])('%d fen → %s', (f, expected) => {
    expect(words(f)).toBe(expected);
  });

  it('refuses what it cannot say exactly', () => {
    expect(() => words(-1)).toThrow(RangeError);
    expect(() => fenInWords(1.5 as never)).toThrow(RangeError);
    expect(() => fenInWords((MAX_WORDS_FEN + 1) as never)).toThrow(RangeError);
    // 9,007,199,254,740,991 fen = 90,071,992,547,409.91 元
    expect(words(MAX_WORDS_FEN)).toBe(
      '玖拾万亿零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分',
    );
  });
});
