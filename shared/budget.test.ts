import {
  applicationFiscalYear,
  clampToWindow,
  fiscalYearOf,
  fiscalYearsOfWindow,
  grantFiscalYear,
  payoutFiscalYear,
} from './budget';
import { instant } from './calendar';

describe('which budget line an item is charged to', () => {
  it('the fiscal year is the Shanghai calendar year', () => {
    expect(fiscalYearOf(instant('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(fiscalYearOf(instant('2026-12-31T16:00:00Z'))).toBe(2027); // 1 January in Shanghai
  });

  it('a window covers every year it touches', () => {
    expect(fiscalYearsOfWindow('2020-01-01', '2021-12-31')).toEqual([2020, 2021]);
    expect(fiscalYearsOfWindow('2023-03-01', '2023-06-30')).toEqual([2023]);
  });

  it('applications by submission, grants by detection, 贴息 by quarter — inside the policy window', () => {
    const window = { effectiveFrom: '2020-01-01', effectiveTo: '2021-12-31' };
    const createdAt = instant('2020-12-30T02:00:00Z');
    expect(applicationFiscalYear({ createdAt })).toBe(2020);
    expect(
      applicationFiscalYear({ createdAt, submittedAt: instant('2021-01-04T02:00:00Z') }, window),
    ).toBe(2021);
    // detected after the window closed (a run catching up): the window's last line
    expect(grantFiscalYear({ detectedAt: instant('2022-01-05T02:00:00Z') }, window)).toBe(2021);
    expect(grantFiscalYear({ detectedAt: instant('2022-01-05T02:00:00Z') })).toBe(2022);
    expect(clampToWindow(2019, window)).toBe(2020);
    expect(payoutFiscalYear({ quarter: '2026-Q3' })).toBe(2026);
  });
});
