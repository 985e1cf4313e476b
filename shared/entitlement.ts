/**
 * Entitlement: what one subject is owed under one policy, and for which period (issue #10
 * "one benefit, one amount, one payment"). Pure.
 *
 * - The claim period names the benefit an application or a grant is for: a one-off grant
 *   (一次性) is owed `once` ever; an annual scheme once per calendar year (`2026`); 贴息
 *   once per quarter (`2026-Q3`). One claim per (policy, subject, period) is held by the
 *   one application or grant that pays it (functions/repositories/claims.ts).
 * - The claim is released when its holder ends without paying (rejected, withdrawn,
 *   cancelled); a paid item keeps it forever.
 * - The entitlement amount is the rules' amount on the subject's facts, never above the cap.
 */
import type { BenefitPeriod } from './policies/types';
import { fen, type Fen } from './money';

/** The claim period of a benefit on a local date (`YYYY-MM-DD`, Asia/Shanghai). */
export function claimPeriodOf(benefitPeriod: BenefitPeriod, on: string): string {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(on);
  if (!m) throw new RangeError(`not a local date: ${on}`);
  const [, year, month] = m as unknown as [string, string, string];
  switch (benefitPeriod) {
    case 'once':
      return 'once';
    case 'year':
      return year;
    case 'quarter':
      return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
    default: {
      const never: never = benefitPeriod;
      throw new RangeError(`unknown benefit period: ${String(never)}`);
    }
  }
}

/**
 * Who holds a claim: the application or the grant that pays the benefit, or the startup
 * loan (issue 13: one open loan application per person; it is given back when the loan is
 * refused or repaid, and kept after a default).
 */
export type ClaimHolderKind = 'application' | 'grant' | 'loan';

/** Statuses that end an item without paying it: entering one releases the item's claim. */
export const CLAIM_RELEASING_STATUSES: Readonly<Record<ClaimHolderKind, readonly string[]>> = {
  application: ['rejected', 'withdrawn', 'cancelled'],
  grant: ['cancelled'],
  loan: ['rejected', 'repaid'],
};

/**
 * True when the move `prev → next` ends the item without paying: the claim is released in
 * the same transaction. Without a move (`prev` undefined: no status change, or a new item)
 * nothing ends, and a move between two ending statuses is not a new end, so a claim is
 * released once, by the transition that ended its holder.
 */
export function endsWithoutPaying(
  kind: ClaimHolderKind,
  prev: string | undefined,
  next: string,
): boolean {
  const ending = CLAIM_RELEASING_STATUSES[kind];
  return prev !== undefined && prev !== next && ending.includes(next) && !ending.includes(prev);
}

/** The entitlement: the rules' amount, never above the policy's cap. */
export function entitlementOf(computedFen: number, capFen: number): Fen {
  return fen(Math.max(0, Math.min(computedFen, capFen)));
}
