/**
 * Completion rates (issue #16, shared/completion.ts), apart so the mini-app formats them without
 * the rule engine: basis points, exact, rounded half up (71/516 = 13.7597…% → 1376 bp, 13.76%).
 */

/**
 * done ÷ of in basis points, exact integer math, rounded half up to the nearest basis point;
 * null (unknown) when `of` is 0. Not capped: paying more than the rules find eligible today
 * (someone paid who no longer qualifies) shows above 100%.
 */
export function rateBp(done: number, of: number): number | null {
  if (!Number.isSafeInteger(done) || !Number.isSafeInteger(of) || done < 0 || of < 0)
    throw new RangeError(`rate of non-negative integers only: ${String(done)} / ${String(of)}`);
  if (of === 0) return null;
  const d = BigInt(done);
  const o = BigInt(of);
  return Number((d * BigInt(20_000) + o) / (BigInt(2) * o));
}

/** A rate in basis points as a percentage with two decimals (1376 → "13.76%"); null → "—". */
export function formatRateBp(bp: number | null): string {
  if (bp === null) return '—';
  return `${String(Math.floor(bp / 100))}.${String(bp % 100).padStart(2, '0')}%`;
}
