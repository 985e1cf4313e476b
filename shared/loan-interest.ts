/**
 * 创业担保贷款贴息 (POLICIES C `startup-loan-interest`; 003 §四(四)19, 财金〔2020〕21号):
 * finance pays part of the borrower's interest, per quarter, automatically.
 *
 * Period. Banks settle loan interest quarterly on the 20th of the last month
 * of the quarter (按季结息, 结息日 3/20, 6/20, 9/20, 12/20) and DESIGN §7 runs
 * the 贴息 schedule that same day, so quarter Q covers the days after the
 * previous settlement date up to and including Q's: 2026-Q3 = 06-21…09-20
 * (92 days). The four periods of a year add up to the year's days.
 *
 * Day count: actual/365 — each day the loan is outstanding accrues
 * balance × rate / 365, leap years included (the brief's convention; banks
 * often quote a daily rate of annual/360, which would pay 365/360 more).
 * A loan accrues from the day it is lent; principal repaid on a day stops
 * accruing that day (算头不算尾).
 *
 * Rounding: the exact sum over the period is rounded once, half up to the
 * fen, in `roundHalfUpToFen` — never per day or per segment.
 */
import { addDays, localDate, type LocalDate } from './calendar';
import { DomainError } from './errors';
import { fen, type Fen } from './money';

export type QuarterNumber = 1 | 2 | 3 | 4;
/** `2026-Q3` */
export type Quarter = `${number}-Q${QuarterNumber}`;

export function quarter(year: number, q: QuarterNumber): Quarter {
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw new RangeError(`bad year: ${year}`);
  return `${year}-Q${q}`;
}

export function parseQuarter(s: string): { year: number; q: QuarterNumber } {
  const m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m === null) throw new RangeError(`not a quarter like 2026-Q3: ${s}`);
  return { year: Number(m[1]), q: Number(m[2]) as QuarterNumber };
}

/** The calendar quarter a day falls in. */
export function quarterOf(d: LocalDate): Quarter {
  const month = Number(d.slice(5, 7));
  return quarter(Number(d.slice(0, 4)), Math.ceil(month / 3) as QuarterNumber);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Calendar quarter bounds, both inclusive: 2026-Q3 → 2026-07-01 … 2026-09-30. */
export function quarterBounds(qtr: Quarter): { startOn: LocalDate; endOn: LocalDate } {
  const { year, q } = parseQuarter(qtr);
  const startOn = localDate(`${year}-${pad2(q * 3 - 2)}-01`);
  const nextStart =
    q === 4 ? localDate(`${year + 1}-01-01`) : localDate(`${year}-${pad2(q * 3 + 1)}-01`);
  return { startOn, endOn: addDays(nextStart, -1) };
}

/** 结息日: the 20th of the quarter's last month (the loan-interest schedule runs on it, DESIGN §7). */
export function settlementDateOf(qtr: Quarter): LocalDate {
  const { year, q } = parseQuarter(qtr);
  return localDate(`${year}-${pad2(q * 3)}-20`);
}

/** The quarter whose 结息日 is the latest on or before `today` (a run on 09-20 settles Q3; on 09-19, Q2). */
export function settledQuarter(today: LocalDate): Quarter {
  const q = quarterOf(today);
  return today >= settlementDateOf(q) ? q : previousQuarter(q);
}

export function previousQuarter(qtr: Quarter): Quarter {
  const { year, q } = parseQuarter(qtr);
  return q === 1 ? quarter(year - 1, 4) : quarter(year, (q - 1) as QuarterNumber);
}

/** The interest period a quarter's 贴息 covers, both ends inclusive: the day after the previous 结息日 … this 结息日. */
export function interestPeriod(qtr: Quarter): { fromOn: LocalDate; toOn: LocalDate } {
  return {
    fromOn: addDays(settlementDateOf(previousQuarter(qtr)), 1),
    toOn: settlementDateOf(qtr),
  };
}

// ---- the dated rate table ------------------------------------------------------

/** A subsidised annual rate in basis points, in force from `effectiveOn` until the next row. */
export type RateRow = {
  readonly effectiveOn: LocalDate;
  readonly rateBp: number;
  readonly source: string;
};

/**
 * Example parameters, to be confirmed by 财政局 before production: the
 * subsidised rate is taken as the 1-year LPR in force (a county that
 * subsidises "LPR−150BP 以上部分" would list lower rates). Real values belong
 * with the policy version; this table is the default for tests and demos.
 */
export const DEFAULT_SUBSIDY_RATES: readonly RateRow[] = [
  { effectiveOn: localDate('2024-10-21'), rateBp: 310, source: '1年期LPR 3.10%（2024-10-21起）' },
  { effectiveOn: localDate('2025-05-20'), rateBp: 300, source: '1年期LPR 3.00%（2025-05-20起）' },
];

export function rateOn(table: readonly RateRow[], d: LocalDate): number {
  let found: RateRow | undefined;
  for (const row of table)
    if (row.effectiveOn <= d && (found === undefined || row.effectiveOn > found.effectiveOn))
      found = row;
  if (found === undefined)
    throw new DomainError('INVALID_INPUT', `贴息利率表没有${d}适用的利率`, { on: d });
  if (!Number.isSafeInteger(found.rateBp) || found.rateBp < 0)
    throw new RangeError(`rate must be integer bp: ${found.rateBp}`);
  return found.rateBp;
}

// ---- the formula ---------------------------------------------------------------

const BP_PER_UNIT = 10_000n;
const DAYS_PER_YEAR = 365n;

/** The single rounding of this rule: numerator / denominator, half up, to whole fen (inputs ≥ 0). */
export function roundHalfUpToFen(numerator: bigint, denominator: bigint): Fen {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError('roundHalfUpToFen expects numerator ≥ 0, denominator > 0');
  return fen(Number((2n * numerator + denominator) / (2n * denominator)));
}

export type LoanBalance = {
  readonly lentOn: LocalDate;
  readonly principalFen: Fen;
  readonly repayments: readonly { readonly on: LocalDate; readonly principalFen: Fen }[];
};

export type InterestSegment = {
  readonly fromOn: LocalDate;
  readonly toOn: LocalDate;
  readonly days: number;
  readonly balanceFen: Fen;
  readonly rateBp: number;
};

export type QuarterInterest = {
  readonly quarter: Quarter;
  readonly fromOn: LocalDate;
  readonly toOn: LocalDate;
  /** Days with a balance outstanding inside the period. */
  readonly days: number;
  readonly segments: readonly InterestSegment[];
  readonly amountFen: Fen;
};

/** Principal outstanding at the end of day d (repayments on d already deducted). */
function balanceOn(loan: LoanBalance, d: LocalDate): number {
  if (d < loan.lentOn) return 0;
  const repaid = loan.repayments.filter((r) => r.on <= d).reduce((s, r) => s + r.principalFen, 0);
  return Math.max(0, loan.principalFen - repaid);
}

/**
 * 贴息 for one quarter: Σ over days of balance × rateBp / (10 000 × 365),
 * rounded once. Segments (runs of days with the same balance and rate) are
 * returned so the payment can show its working.
 */
export function quarterInterestSubsidy(
  loan: LoanBalance,
  qtr: Quarter,
  rates: readonly RateRow[],
): QuarterInterest {
  const { fromOn, toOn } = interestPeriod(qtr);
  const segments: InterestSegment[] = [];
  let numerator = 0n;
  for (let d = fromOn; d <= toOn; d = addDays(d, 1)) {
    const balanceFen = balanceOn(loan, d);
    if (balanceFen === 0) continue;
    const rateBp = rateOn(rates, d);
    numerator += BigInt(balanceFen) * BigInt(rateBp);
    extendSegments(segments, d, fen(balanceFen), rateBp);
  }
  const days = segments.reduce((s, x) => s + x.days, 0);
  return {
    quarter: qtr,
    fromOn,
    toOn,
    days,
    segments,
    amountFen: roundHalfUpToFen(numerator, BP_PER_UNIT * DAYS_PER_YEAR),
  };
}

function extendSegments(
  segments: InterestSegment[],
  d: LocalDate,
  balanceFen: Fen,
  rateBp: number,
): void {
  const last = segments[segments.length - 1];
  if (
    last !== undefined &&
    last.balanceFen === balanceFen &&
    last.rateBp === rateBp &&
    addDays(last.toOn, 1) === d
  ) {
    segments[segments.length - 1] = { ...last, toOn: d, days: last.days + 1 };
  } else {
    segments.push({ fromOn: d, toOn: d, days: 1, balanceFen, rateBp });
  }
}
