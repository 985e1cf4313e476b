/**
 * 人民币大写: an amount in fen read back in the words of a cheque (《支付结算办法》附一
 * 正确填写票据和结算凭证的基本规定): 壹贰叁…, 拾佰仟万亿, "元" then "整" when there is no
 * 分, a 零 for every run of zeros in the middle ("壹仟零伍元整"), 壹拾 for ten.
 * Reviewers confirm an approval with it (issue #17), so a slip of one digit reads differently.
 * Pure; money stays integer fen.
 */
import type { Fen } from './money';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
/** the place of a digit in a group of four; the ones place has none */
const PLACES = ' 拾佰仟';
const digit = (d: number) => DIGITS.charAt(d);
/** the unit of each group of four digits, lowest first (个, 万, 亿, 万亿) */
const GROUPS = ['', '万', '亿', '万亿'] as const;

/** 1..9999 in words; zeros inside become one 零, trailing zeros nothing. */
function groupInWords(n: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += digit(d) + PLACES.charAt(place).trim();
  }
  return out;
}

/** Whole yuan in words, without 元 (empty for 0). */
function yuanInWords(yuan: number): string {
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] ?? 0;
    if (g === 0) {
      if (out !== '') gap = true;
      continue;
    }
    // a zero group between, or fewer than four digits in a lower group: one 零
    if (out !== '' && (gap || g < 1000)) out += '零';
    gap = false;
    out += `${groupInWords(g)}${GROUPS[i] ?? ''}`;
  }
  return out;
}

/** The largest amount read back (about 90 万亿 yuan, within GROUPS' 万亿). */
export const MAX_WORDS_FEN = Number.MAX_SAFE_INTEGER;

/**
 * ¥5,000.00 → 伍仟元整; ¥10.05 → 壹拾元零伍分; ¥0.50 → 伍角整; ¥0 → 零元整.
 * Throws RangeError for a negative, fractional or too large amount (never silently wrong).
 */
export function fenInWords(amount: Fen): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_WORDS_FEN)
    throw new RangeError(`no words for ${String(amount)} fen`);
  const yuan = Math.floor(amount / 100);
  const jiao = Math.floor(amount / 10) % 10;
  const cents = amount % 10;
  if (amount === 0) return '零元整';
  const whole = yuan > 0 ? `${yuanInWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${whole}整`;
  // 元 followed by 零 when 角 is zero (壹元零伍分); nothing before 角 when there are no yuan
  const jiaoPart = jiao > 0 ? `${digit(jiao)}角` : whole !== '' ? '零' : '';
  return cents > 0 ? `${whole}${jiaoPart}${digit(cents)}分` : `${whole}${jiaoPart}整`;
}
