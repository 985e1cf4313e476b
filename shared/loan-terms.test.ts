/**
 * Held-out figures from the seeds (issue 13): the individual ceiling ¥200,000 (003 保居民就业
 * §四(四)19, raised from ¥150,000), the key groups, the guarantee-fee caps (003 保市场主体
 * §四(二)8: −0.5 points for hard-hit SMEs, ≤ 1.5 % living-service, ≤ 1 % epidemic-control), and
 * the deferral "to the end of next March" (003 保市场主体 §四(二)6(1)).
 */
import { SEED_PARAM_VALUES } from './policies/seed-parameters';
import { localDate } from './calendar';
import { DomainError } from './errors';
import { loanRegistry, personEmployment, povertyRegistry } from './facts/examples';
import {
  checkGuaranteeFee,
  guaranteeFeeCap,
  LOAN_TERM_PARAMS,
  loanTermsOn,
  monthsBetween,
  STARTUP_LOAN_TERMS,
  STARTUP_LOAN_TERMS as T,
} from './loan-terms';
import { yuan } from './money';
import { findPolicy } from './policies';
import { evaluate } from './rules';

const PERSON = '620724199001011234';

function loanPolicy() {
  const p = findPolicy('startup-loan');
  if (!p) throw new Error('startup-loan missing from the catalogue');
  return p;
}

function eligible(v: Parameters<typeof personEmployment>[0], registeredPoor = false): boolean {
  const facts = [
    personEmployment({ firstBusinessStartedOn: '2020-05-01', ...v }, PERSON),
    povertyRegistry({ registeredPoor }, PERSON),
    loanRegistry([], PERSON),
  ];
  return evaluate(loanPolicy(), facts, '2020-12-15', { params: SEED_PARAM_VALUES }).eligible;
}

describe('startup loan: the seeds’ figures', () => {
  it('the individual ceiling is ¥200,000 (raised from ¥150,000), in the policy and the terms', () => {
    const policy = loanPolicy();
    expect(policy.capFen).toBe(yuan(200_000));
    expect(T.ceilingFen).toBe(yuan(200_000));
    expect(policy.capFen).not.toBe(yuan(150_000));
  });

  it('the five key groups qualify; nobody else does', () => {
    expect(eligible({ graduateOn: '2019-06-30' })).toBe(true);
    expect(eligible({ employmentDifficulty: true })).toBe(true);
    expect(eligible({}, true)).toBe(true); // 建档立卡贫困劳动力
    expect(eligible({ returningMigrant: true })).toBe(true);
    expect(eligible({ veteran: true })).toBe(true);
    expect(eligible({})).toBe(false);
    // a key group still needs a business registered
    expect(eligible({ veteran: true, firstBusinessStartedOn: null })).toBe(false);
  });

  it('fee caps: standard, hard hit −0.5 points, living-service ≤ 1.5 %, epidemic-control ≤ 1 %', () => {
    const caps = T.guaranteeFee;
    expect(caps.hardHitReductionBp).toBe(50);
    expect(caps.livingServiceCapBp).toBe(150);
    expect(caps.epidemicControlCapBp).toBe(100);
    expect(guaranteeFeeCap(caps, { industry: 'catering', hardHit: false })).toMatchObject({
      capBp: caps.standardCapBp,
      rule: 'standard',
    });
    expect(guaranteeFeeCap(caps, { industry: 'catering', hardHit: true })).toMatchObject({
      capBp: caps.standardCapBp - 50,
      rule: 'hard_hit',
    });
    expect(guaranteeFeeCap(caps, { industry: 'living_service', hardHit: false })).toMatchObject({
      capBp: 150,
      rule: 'living_service',
    });
    expect(guaranteeFeeCap(caps, { industry: 'epidemic_control', hardHit: true })).toMatchObject({
      capBp: 100,
      rule: 'epidemic_control',
    });
    // the lowest applicable cap wins, and the answer says which one it was
    expect(
      guaranteeFeeCap(
        { ...caps, standardCapBp: 120 },
        { industry: 'living_service', hardHit: true },
      ),
    ).toMatchObject({ capBp: 70, rule: 'hard_hit' });
  });

  it('a fee above the cap is OVER_CAP naming the cap; at the cap it passes', () => {
    const at = () =>
      checkGuaranteeFee(T.guaranteeFee, {
        industry: 'epidemic_control',
        hardHit: false,
        feeRateBp: 100,
      });
    expect(at().capBp).toBe(100);
    try {
      checkGuaranteeFee(T.guaranteeFee, {
        industry: 'epidemic_control',
        hardHit: false,
        feeRateBp: 101,
      });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('OVER_CAP');
      expect((e as DomainError).details).toMatchObject({ capBp: 100, rule: 'epidemic_control' });
      expect((e as DomainError).message).toContain('1.00%');
    }
  });

  it('deferral runs to the end of next March (2021-03-31)', () => {
    expect(T.deferral.latestUntilOn).toBe(localDate('2021-03-31'));
  });

  it('months between contract dates', () => {
    expect(monthsBetween(localDate('2020-06-21'), localDate('2022-06-20'))).toBe(24);
    expect(monthsBetween(localDate('2020-06-21'), localDate('2022-06-22'))).toBe(25);
  });
});

describe('startup loan: the figures are dated studio parameters (issue 13)', () => {
  it('the seed parameters give the seeds’ figures (held out: ¥200,000, 2 % / −0.5 / 1.5 % / 1 %, LPR+250BP, 30 days)', () => {
    const terms = loanTermsOn(SEED_PARAM_VALUES, '2020-12-15');
    expect(terms.ceilingFen).toBe(yuan(200_000));
    expect(terms.guaranteeFee).toEqual({
      standardCapBp: 200,
      hardHitReductionBp: 50,
      livingServiceCapBp: 150,
      epidemicControlCapBp: 100,
    });
    expect(terms.maxSpreadBp).toBe(250);
    expect(terms.overdueNoSubsidyDays).toBe(30);
    expect(terms).toEqual(STARTUP_LOAN_TERMS);
  });

  it('a value dated later applies from its date only', () => {
    const params = new Map(SEED_PARAM_VALUES);
    params.set(LOAN_TERM_PARAMS.maxSpreadBp, [
      { from: '2020-01-01', value: 250 },
      { from: '2021-01-01', value: 150 },
    ]);
    params.set(LOAN_TERM_PARAMS.livingServiceCapBp, [
      { from: '2020-01-01', value: 150 },
      { from: '2021-01-01', value: 120 },
    ]);
    expect(loanTermsOn(params, '2020-12-31').maxSpreadBp).toBe(250);
    const later = loanTermsOn(params, '2021-01-01');
    expect(later.maxSpreadBp).toBe(150);
    expect(
      guaranteeFeeCap(later.guaranteeFee, { industry: 'living_service', hardHit: false }),
    ).toMatchObject({
      capBp: 120,
      rule: 'living_service',
    });
  });

  it('a figure without a parameter keeps the seeds’ value', () => {
    expect(loanTermsOn(new Map(), '2020-12-15')).toEqual(STARTUP_LOAN_TERMS);
  });
});
