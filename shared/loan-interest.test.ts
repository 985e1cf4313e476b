import { localDate } from './calendar';
import {
  DEFAULT_SUBSIDY_RATES,
  interestPeriod,
  quarterBounds,
  quarterInterestSubsidy,
  quarterOf,
  rateOn,
  roundHalfUpToFen,
  settlementDateOf,
  type RateRow,
} from './loan-interest';
import { fen, yuan } from './money';

const d = localDate;
const FLAT_300: RateRow[] = [{ effectiveOn: d('2020-01-01'), rateBp: 300, source: 'test' }];

describe('quarters', () => {
  it('calendar bounds, settlement date and interest period', () => {
    expect(quarterBounds('2026-Q3')).toEqual({ startOn: '2026-07-01', endOn: '2026-09-30' });
    expect(quarterBounds('2026-Q4')).toEqual({ startOn: '2026-10-01', endOn: '2026-12-31' });
    expect(quarterOf(d('2026-08-15'))).toBe('2026-Q3');
    expect(settlementDateOf('2026-Q3')).toBe('2026-09-20');
    expect(interestPeriod('2026-Q3')).toEqual({ fromOn: '2026-06-21', toOn: '2026-09-20' });
    expect(interestPeriod('2026-Q1')).toEqual({ fromOn: '2025-12-21', toOn: '2026-03-20' });
  });

  it('the four periods of a year add up to its days (leap year too)', () => {
    const loan = { lentOn: d('2020-01-01'), principalFen: fen(1), repayments: [] };
    const days = (y: number) =>
      ([1, 2, 3, 4] as const).map((q) => quarterInterestSubsidy(loan, `${y}-Q${q}`, FLAT_300).days);
    expect(days(2026)).toEqual([90, 92, 92, 91]);
    expect(days(2024).reduce((a, b) => a + b)).toBe(366);
  });
});

describe('贴息 formula', () => {
  it('200,000 yuan at 3.00% for 2026-Q3 (92 days) = 1,512.33 yuan', () => {
    // 20,000,000 fen × 300 bp × 92 / (10,000 × 365) = 151,232.876… → 151,233 fen
    const r = quarterInterestSubsidy(
      { lentOn: d('2026-01-10'), principalFen: yuan(200_000), repayments: [] },
      '2026-Q3',
      FLAT_300,
    );
    expect(r).toMatchObject({ days: 92, amountFen: 151_233 });
    expect(r.segments).toEqual([
      { fromOn: '2026-06-21', toOn: '2026-09-20', days: 92, balanceFen: 20_000_000, rateBp: 300 },
    ]);
  });

  it('counts from the lending day and stops accruing repaid principal on the repayment day', () => {
    // lent 08-01: 08-01…09-20 = 51 days; 50,000 yuan repaid 09-01 → 150,000 for 09-01…09-20 (20 days)
    // 20,000,000×300×31 + 15,000,000×300×20 = 186e9 + 90e9 = 276e9; /3,650,000 = 75,616.438… → 75,616
    const r = quarterInterestSubsidy(
      {
        lentOn: d('2026-08-01'),
        principalFen: yuan(200_000),
        repayments: [{ on: d('2026-09-01'), principalFen: yuan(50_000) }],
      },
      '2026-Q3',
      FLAT_300,
    );
    expect(r.days).toBe(51);
    expect(r.segments.map((s) => [s.fromOn, s.days, s.balanceFen])).toEqual([
      ['2026-08-01', 31, 20_000_000],
      ['2026-09-01', 20, 15_000_000],
    ]);
    expect(r.amountFen).toBe(75_616);
  });

  it('splits at a rate change from the dated table', () => {
    // 2025-Q2 = 03-21…06-20; 3.10% until 05-19 (60 days), 3.00% from 05-20 (32 days)
    // 10,000,000 × (310×60 + 300×32) / 3,650,000 = 10,000,000 × 28,200 / 3,650,000 = 77,260.27… → 77,260
    const r = quarterInterestSubsidy(
      { lentOn: d('2025-01-01'), principalFen: yuan(100_000), repayments: [] },
      '2025-Q2',
      DEFAULT_SUBSIDY_RATES,
    );
    expect(r.segments.map((s) => [s.rateBp, s.days])).toEqual([
      [310, 60],
      [300, 32],
    ]);
    expect(r.amountFen).toBe(77_260);
  });

  it('rounds once, half up to the fen', () => {
    expect(roundHalfUpToFen(5n, 10n)).toBe(1); // 0.5 → 1
    expect(roundHalfUpToFen(4n, 10n)).toBe(0);
    expect(roundHalfUpToFen(15n, 10n)).toBe(2); // 1.5 → 2 (not banker's 2… and 2.5 → 3)
    expect(roundHalfUpToFen(25n, 10n)).toBe(3);
    // 365 fen × 10,000 bp for 1 day = exactly 1 fen × … : 3,650,000 × 1 / 3,650,000 = 1
    expect(
      quarterInterestSubsidy(
        { lentOn: d('2026-09-20'), principalFen: fen(365), repayments: [] },
        '2026-Q3',
        [{ effectiveOn: d('2020-01-01'), rateBp: 10_000, source: 'test' }],
      ).amountFen,
    ).toBe(1);
  });

  it('refuses a day the rate table does not cover', () => {
    expect(() => rateOn(DEFAULT_SUBSIDY_RATES, d('2024-01-01'))).toThrow(/贴息利率表/);
  });
});
