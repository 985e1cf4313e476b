/**
 * Money is integer fen (分) everywhere; yuan appear only in formatFen().
 * A branded type keeps a yuan number or a float from passing as money.
 */
export type Fen = number & { readonly __fen: true };

export function fen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer number of fen: ${n}`);
  return n as Fen;
}

/** 元 → 分, for amounts written in policy documents (whole yuan or up to 2 decimals). */
export function yuan(y: number): Fen {
  const f = Math.round(y * 100);
  if (Math.abs(f - y * 100) > 1e-6) throw new RangeError(`more than 2 decimals: ${y}`);
  return fen(f);
}

export const ZERO = 0 as Fen;

export function addFen(a: Fen, b: Fen): Fen {
  return fen(a + b);
}
export function subFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}
export function mulFen(a: Fen, k: number): Fen {
  if (!Number.isSafeInteger(k)) throw new RangeError(`multiplier must be an integer: ${k}`);
  return fen(a * k);
}
export function minFen(a: Fen, b: Fen): Fen {
  return a < b ? a : b;
}
export function sumFen(xs: readonly Fen[]): Fen {
  return xs.reduce(addFen, ZERO);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** ¥1,234.56 (style 'symbol', the default) or 1234.56元 (style 'suffix'). */
export function formatFen(amount: Fen, style: 'symbol' | 'suffix' = 'symbol'): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  return style === 'symbol'
    ? `${sign}¥${groupThousands(whole)}.${cents}`
    : `${sign}${whole}.${cents}元`;
}
