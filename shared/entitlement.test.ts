import { claimPeriodOf, endsWithoutPaying, entitlementOf } from './entitlement';
import { listPolicies } from './policies';
import { BENEFIT_PERIODS } from './vocabulary';

describe('claimPeriodOf', () => {
  it('once is the same period whatever the date', () => {
    expect(claimPeriodOf('once', '2020-01-01')).toBe('once');
    expect(claimPeriodOf('once', '2026-12-31')).toBe('once');
  });

  it('year is the calendar year of the local date', () => {
    expect(claimPeriodOf('year', '2026-01-01')).toBe('2026');
    expect(claimPeriodOf('year', '2026-12-31')).toBe('2026');
  });

  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-06-30', '2026-Q2'],
    ['2026-07-01', '2026-Q3'],
    ['2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-Q4'],
    ['2026-12-31', '2026-Q4'],
  ])('quarter: %s → %s', (on, period) => {
    expect(claimPeriodOf('quarter', on)).toBe(period);
  });

  it('refuses what is not a local date', () => {
    expect(() => claimPeriodOf('year', '2026-07-01T00:00:00Z')).toThrow(RangeError);
    expect(() => claimPeriodOf('once', '')).toThrow(RangeError);
  });
});

describe('endsWithoutPaying', () => {
  it('an application ends without paying when rejected, withdrawn or cancelled', () => {
    expect(endsWithoutPaying('application', 'review_l1', 'rejected')).toBe(true);
    expect(endsWithoutPaying('application', 'pending_supplement', 'rejected')).toBe(true);
    expect(endsWithoutPaying('application', 'publicity', 'rejected')).toBe(true);
    expect(endsWithoutPaying('application', 'submitted', 'withdrawn')).toBe(true);
    expect(endsWithoutPaying('application', 'payment_failed', 'cancelled')).toBe(true);
  });

  it('paid, open and repeated ends keep the claim', () => {
    expect(endsWithoutPaying('application', 'paying', 'paid')).toBe(false);
    expect(endsWithoutPaying('application', 'submitted', 'review_l1')).toBe(false);
    expect(endsWithoutPaying('application', 'review_l1', 'returned')).toBe(false);
    expect(endsWithoutPaying('application', 'rejected', 'rejected')).toBe(false);
    // no status change (an event appended to an ended item) ends nothing again
    expect(endsWithoutPaying('application', undefined, 'rejected')).toBe(false);
  });

  it('a grant ends without paying only when cancelled', () => {
    expect(endsWithoutPaying('grant', 'publicity', 'cancelled')).toBe(true);
    expect(endsWithoutPaying('grant', 'returned', 'cancelled')).toBe(true);
    expect(endsWithoutPaying('grant', 'paying', 'paid')).toBe(false);
    expect(endsWithoutPaying('grant', 'paying', 'returned')).toBe(false);
  });
});

describe('entitlementOf', () => {
  it('is the rules amount, clamped to the cap and to zero', () => {
    expect(entitlementOf(400_000, 20_000_000)).toBe(400_000);
    expect(entitlementOf(30_000_000, 20_000_000)).toBe(20_000_000);
    expect(entitlementOf(-1, 100)).toBe(0);
  });
});

describe('benefit periods of the catalogue', () => {
  const periodOf = (id: string) => listPolicies().find((p) => p.id === id)?.benefitPeriod;

  it('one-off grants are once, 贴息 is per quarter, annual schemes per year', () => {
    for (const id of [
      'hire-local',
      'hire-poor',
      'startup-grant',
      'transfer-transport',
      'transfer-stable',
      'rent-waiver-state',
      'retail-supply-reward',
      'labour-agency-reward',
    ]) {
      expect([id, periodOf(id)]).toEqual([id, 'once']);
    }
    expect(periodOf('startup-loan-interest')).toBe('quarter');
    for (const id of [
      'job-retention-refund',
      'enterprise-awards',
      'flexible-employment-insurance',
      'rent-waiver-2023',
    ]) {
      expect([id, periodOf(id)]).toEqual([id, 'year']);
    }
  });

  it('every policy states one', () => {
    for (const p of listPolicies()) expect(BENEFIT_PERIODS).toContain(p.benefitPeriod);
  });
});
