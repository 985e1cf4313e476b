/**
 * Budget lines (专账, DESIGN §5, §12): one line per policy and fiscal year (预算年度, the
 * calendar year in Asia/Shanghai), with an allocation and a journal of every top-up, cut and
 * transfer. Each line keeps allocated = remaining + reserved + paid, to the fen.
 *
 * Which line an item is charged to: the fiscal year of the date it was judged as of — an
 * application's submission, a 免申即享 grant's detection, the quarter a 贴息 pays for. That
 * date always falls inside the policy's window, so the line exists (bootstrap opens one per
 * year the window covers), and the year never changes afterwards: reserving, paying,
 * releasing and recovering all move the same line. (Charging the year the money leaves
 * would leave an item approved in December and paid in January without a line.)
 */
import { localDateOf, type Instant } from './calendar';
import { DomainError } from './errors';
import type { PolicyId } from './ids';
import type { Fen } from './money';

/** Years a line may be opened for: a sanity bound, not a policy. */
export const MIN_FISCAL_YEAR = 2000;
export const MAX_FISCAL_YEAR = 2100;

export type BudgetLineRef = { readonly policyId: PolicyId; readonly fiscalYear: number };

/** A line's figures; allocated = remaining + reserved + paid. */
export type BudgetLine = BudgetLineRef & {
  readonly allocatedFen: Fen;
  readonly reservedFen: Fen;
  readonly paidFen: Fen;
  readonly remainingFen: Fen;
};

/** The Shanghai calendar year an instant falls in. */
export function fiscalYearOf(at: Instant): number {
  return Number(localDateOf(at).slice(0, 4));
}

/** Every fiscal year a policy window [from, to] (YYYY-MM-DD) touches, in order. */
export function fiscalYearsOfWindow(from: string, to: string): number[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/** A policy's effective window, YYYY-MM-DD. */
export type PolicyWindow = { readonly effectiveFrom: string; readonly effectiveTo: string };

/**
 * A year moved into the window's years: an item judged after its policy's window closed (a
 * 免申即享 run catching up on an as-of date inside the window, an item stored before the
 * window was checked) is charged to the window's last line, which exists, not to a year no
 * line was opened for.
 */
export function clampToWindow(year: number, window?: PolicyWindow): number {
  if (!window) return year;
  const first = Number(window.effectiveFrom.slice(0, 4));
  const last = Number(window.effectiveTo.slice(0, 4));
  return Math.min(Math.max(year, first), last);
}

/** The line an application is charged to: the year it was submitted (judged) in. */
export const applicationFiscalYear = (
  a: { readonly submittedAt?: Instant; readonly createdAt: Instant },
  window?: PolicyWindow,
): number => clampToWindow(fiscalYearOf(a.submittedAt ?? a.createdAt), window);

/** The line a 免申即享 grant is charged to: the year it was detected in. */
export const grantFiscalYear = (
  g: { readonly detectedAt: Instant },
  window?: PolicyWindow,
): number => clampToWindow(fiscalYearOf(g.detectedAt), window);

/** The line a quarter's 贴息 is charged to: the year of the quarter it pays for (`2020-Q4`). */
export const payoutFiscalYear = (p: { readonly quarter: string }): number =>
  Number(p.quarter.slice(0, 4));

export const committedFen = (l: Pick<BudgetLine, 'reservedFen' | 'paidFen'>): number =>
  l.reservedFen + l.paidFen;

export const lineLabel = (l: BudgetLineRef): string => `${l.policyId}/${String(l.fiscalYear)}`;

/**
 * A cut (or the outgoing side of a transfer) may take only what is not committed: what is
 * reserved for approved items or already paid stays. Refused with 422, reason BELOW_COMMITTED.
 */
export function requireUncommitted(line: BudgetLine, amountFen: number): void {
  if (amountFen > line.remainingFen) {
    throw new DomainError(
      'BUDGET_EXHAUSTED',
      `核减后预算将低于已占用资金（已预留与已拨付合计），该预算线最多可核减 ${String(line.remainingFen)} 分`,
      {
        reason: 'BELOW_COMMITTED',
        policyId: line.policyId,
        fiscalYear: line.fiscalYear,
        amountFen,
        remainingFen: line.remainingFen,
        committedFen: committedFen(line),
      },
    );
  }
}

export function requireFiscalYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) {
    throw new DomainError(
      'INVALID_INPUT',
      `预算年度应在${String(MIN_FISCAL_YEAR)}–${String(MAX_FISCAL_YEAR)}之间`,
      {
        reason: 'BAD_FISCAL_YEAR',
        fiscalYear: year,
      },
    );
  }
}

export const noSuchLine = (ref: BudgetLineRef) =>
  new DomainError('NOT_FOUND', `预算线不存在（${lineLabel(ref)}年度）`, {
    reason: 'NO_BUDGET_LINE',
    policyId: ref.policyId,
    fiscalYear: ref.fiscalYear,
  });
