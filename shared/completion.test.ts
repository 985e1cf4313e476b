import {
  formatRateBp,
  populationOf,
  populationPage,
  rateBp,
  seedsCompletion,
  sumSeedsCompletion,
  supersedes,
  type Population,
} from './completion';
import { DEMO_ENTERPRISE, DEMO_PERSON, marketRegistry, personInsurance } from './facts/examples';
import type { SubjectId } from './ids';
import { findPolicy, type PolicyVersion } from './policies';

const population = (p: Partial<Population> = {}): Population => ({
  policyId: 'pol_rent-waiver',
  version: 1,
  asOf: '2020-12-15',
  count: 516,
  amountFen: 20_000_000,
  computedAt: '2020-12-15T02:00:00.000Z',
  ...p,
});

describe('completion as the seeds count it (seed 002: 516 should be waived, 71 done, 6.55%)', () => {
  it('71 of 516 by count is 13.76%: exact, rounded half up to the basis point (floor would say 13.75%)', () => {
    expect(rateBp(71, 516)).toBe(1376);
    expect(formatRateBp(rateBp(71, 516))).toBe('13.76%');
  });

  it('by amount, ¥13,100 waived of ¥200,000 owed is exactly 6.55%; the rounding boundary is half up', () => {
    expect(rateBp(1_310_000, 20_000_000)).toBe(655);
    expect(formatRateBp(655)).toBe('6.55%');
    // 6.545% exactly: half a basis point rounds up
    expect(rateBp(1_309_000, 20_000_000)).toBe(655);
    // one fen less: 6.544995% rounds down
    expect(rateBp(1_308_999, 20_000_000)).toBe(654);
  });

  it('is unknown, never 0%, when nothing should be done or no population was computed', () => {
    expect(rateBp(0, 0)).toBeNull();
    expect(formatRateBp(null)).toBe('—');
    expect(seedsCompletion(undefined, { count: 3, fen: 300 })).toBeUndefined();
    expect(seedsCompletion(population({ count: 0, amountFen: 0 }), { count: 0, fen: 0 })).toEqual(
      expect.objectContaining({ countRateBp: null, amountRateBp: null }),
    );
    expect(seedsCompletion(population(), { count: 0, fen: 0 })).toEqual(
      expect.objectContaining({ countRateBp: 0, amountRateBp: 0 }),
    );
  });

  it('stays exact beyond 2^53 ÷ 20,000 fen (a province’s billions)', () => {
    const of = 9_000_000_000_000_000; // ¥90 万亿 in fen, still a safe integer
    expect(rateBp(of / 2, of)).toBe(5000);
    expect(rateBp(of, of)).toBe(10_000);
    expect(() => rateBp(-1, 5)).toThrow(RangeError);
  });

  it('gives the seed’s figures for one policy, with the population’s date and version', () => {
    expect(seedsCompletion(population(), { count: 71, fen: 1_310_000 })).toEqual({
      asOf: '2020-12-15',
      version: 1,
      computedAt: '2020-12-15T02:00:00.000Z',
      shouldCount: 516,
      shouldFen: 20_000_000,
      doneCount: 71,
      doneFen: 1_310_000,
      countRateBp: 1376,
      amountRateBp: 655,
    });
  });

  it('sums a department over the policies that have a population only, from the earliest date', () => {
    const a = seedsCompletion(population(), { count: 71, fen: 1_310_000 });
    const b = seedsCompletion(population({ asOf: '2020-12-14', count: 4, amountFen: 400 }), {
      count: 1,
      fen: 100,
    });
    expect(sumSeedsCompletion([a, undefined, b])).toEqual({
      policies: 2,
      asOf: '2020-12-14',
      shouldCount: 520,
      shouldFen: 20_000_400,
      doneCount: 72,
      doneFen: 1_310_100,
      countRateBp: rateBp(72, 520),
      amountRateBp: rateBp(1_310_100, 20_000_400),
    });
    expect(sumSeedsCompletion([undefined])).toBeUndefined();
  });

  it('replaces a stored population only with a later date, or the same date computed later', () => {
    const stored = { asOf: '2020-12-15', computedAt: '2020-12-15T02:00:00.000Z' };
    expect(supersedes(stored, undefined)).toBe(true);
    expect(supersedes(stored, stored)).toBe(false);
    expect(supersedes({ ...stored, computedAt: '2020-12-15T09:00:00.000Z' }, stored)).toBe(true);
    expect(supersedes({ asOf: '2020-12-16', computedAt: '2020-12-15T01:00:00.000Z' }, stored)).toBe(
      true,
    );
    expect(supersedes({ asOf: '2020-12-14', computedAt: '2020-12-16T00:00:00.000Z' }, stored)).toBe(
      false,
    );
  });
});

describe('the population: everyone the rules find eligible, applied or not', () => {
  const base = findPolicy('hire-local') as PolicyVersion;
  const policy = (id: string, eligible: boolean, amountFen: number): PolicyVersion => ({
    ...base,
    id,
    subjectKind: 'enterprise',
    effectiveFrom: '2020-01-01',
    effectiveTo: '2020-12-31',
    eligibility: [{ id: 'a', label: '条件', rule: { op: 'const', value: eligible } }],
    amount: { op: 'const', value: amountFen },
  });
  const ent = (n: number) => ({
    subjectId: `sub_${String(n)}` as SubjectId,
    facts: [marketRegistry({}, DEMO_ENTERPRISE)],
  });
  const person = { subjectId: 'sub_p' as SubjectId, facts: [personInsurance({}, DEMO_PERSON)] };

  it('counts each eligible subject of the policy’s kind with its amount, per policy, inside the window only', () => {
    const tally: Record<string, number> = {};
    const targets = [
      { version: policy('yes', true, 50_000), asOf: '2020-12-15' },
      { version: policy('no', false, 50_000), asOf: '2020-12-15' },
      { version: policy('zero', true, 0), asOf: '2020-12-15' },
      { version: policy('late', true, 50_000), asOf: '2021-01-05' },
    ];
    populationPage([ent(1), ent(2), person], targets, tally);
    populationPage([ent(3)], targets, tally);
    expect(populationOf(tally, 'yes')).toEqual({ count: 3, amountFen: 150_000, errors: 0 });
    expect(populationOf(tally, 'no')).toEqual({ count: 0, amountFen: 0, errors: 0 });
    expect(populationOf(tally, 'zero')).toEqual({ count: 0, amountFen: 0, errors: 0 });
    expect(populationOf(tally, 'late')).toEqual({ count: 0, amountFen: 0, errors: 0 });
  });
});
