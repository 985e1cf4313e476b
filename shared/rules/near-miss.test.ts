import * as ex from '../facts/examples';
import { findPolicy, SEED_PARAM_VALUES as params, type PolicyVersion } from '../policies';
import { evaluate } from './evaluate';
import { nearMissOf } from './near-miss';
import type { Fact } from '../facts/fact';

const policy = (id: string): PolicyVersion => {
  const p = findPolicy(id);
  if (!p) throw new Error(`no seed policy ${id}`);
  return p;
};
const missOf = (id: string, facts: Fact[], asOf = '2020-12-15') => {
  const p = policy(id);
  return nearMissOf(p, evaluate(p, facts, asOf, { params }), facts, params);
};

/** A transferred poor worker, stable employment for `months` months. */
const transferred = (months: number): Fact[] => [
  ex.povertyRegistry({ registeredPoor: true }),
  ex.personEmployment({ transferredOrganised: true, transferredOn: '2020-05-01' }),
  ex.personInsurance({ employment: 'employed', consecutiveMonths: months }),
];

describe('nearMissOf', () => {
  it('says how many more months of stable employment meet the one failing condition', () => {
    const miss = missOf('transfer-stable', transferred(2));
    expect(miss?.failing.map((c) => c.id)).toEqual(['stable_3_months']);
    expect(miss?.failing[0]?.detail).toContain('连续缴费月数：2个月');
    expect(miss?.hint).toBe('再稳定就业1个月即可申请');
  });

  it('reads a parameter threshold as of the date (正常经营满12个月)', () => {
    const facts = [
      ex.povertyRegistry({ registeredPoor: true }),
      ex.personEmployment({
        firstBusinessStartedOn: '2020-01-10',
        businessMonthsOperating: 9,
        businessOperatingNormally: true,
      }),
    ];
    const miss = missOf('startup-grant', facts);
    expect(miss?.failing.map((c) => c.id)).toEqual(['operating_12_months']);
    expect(miss?.hint).toMatch(/^再正常经营\d+个月即可申请$/);
  });

  it('says the value needed when an equality fails', () => {
    const facts = transferred(5).map((f) =>
      f.source === 'social_insurance'
        ? ex.personInsurance({ employment: 'unemployed', consecutiveMonths: 5 })
        : f,
    );
    expect(missOf('transfer-stable', facts)?.hint).toBe('就业状态为「在职参保」即可申请');
  });

  it('lists every failing condition and gives no hint when more than one fails', () => {
    const miss = missOf('transfer-stable', [ex.povertyRegistry({}), ex.personEmployment({})]);
    expect(miss?.failing.length).toBeGreaterThan(1);
    expect(miss?.hint).toBeUndefined();
  });

  it('is undefined for an eligible subject', () => {
    expect(missOf('transfer-stable', transferred(4))).toBeUndefined();
  });

  it('names the start date when the policy is not yet in force', () => {
    expect(missOf('transfer-stable', transferred(4), '2019-12-01')?.hint).toBe(
      '2020-01-01起即可申请',
    );
  });

  it('never shows a code or an amount in fen', () => {
    const miss = missOf('transfer-stable', transferred(2));
    const text = JSON.stringify(miss?.failing.map((c) => [c.label, c.detail, miss.hint]));
    expect(text).not.toMatch(/[a-z]+_[a-z]+|分/);
  });
});
