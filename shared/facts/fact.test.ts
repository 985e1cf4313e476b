import { DomainError } from '../errors';
import { addMonths } from './dates';
import * as ex from './examples';
import { Fact, factsAsOf, parseFacts } from './fact';
import { FACT_FIELDS, resolvePath } from './paths';

describe('factsAsOf', () => {
  const jan = ex.employerInsurance({ layoffsInYear: 1 }, undefined, {
    from: '2021-01-01',
    to: '2021-01-31',
  });
  const feb = ex.employerInsurance({ layoffsInYear: 2 }, undefined, {
    from: '2021-02-01',
    to: null,
  });
  const correction = ex.employerInsurance({ layoffsInYear: 3 }, undefined, {
    from: '2021-02-01',
    to: null,
  });

  it.each([
    ['2020-12-31', undefined],
    ['2021-01-01', 1],
    ['2021-01-31', 1],
    ['2021-02-01', 2],
    ['2030-01-01', 2],
  ])('on %s picks the snapshot valid that day', (asOf, layoffs) => {
    const view = factsAsOf([jan, feb], asOf);
    expect((view.social_insurance as { layoffsInYear?: number } | undefined)?.layoffsInYear).toBe(
      layoffs,
    );
  });

  it('when periods overlap the latest start wins, then the later import', () => {
    const view = factsAsOf([jan, feb, correction], '2021-03-01');
    expect((view.social_insurance as { layoffsInYear: number }).layoffsInYear).toBe(3);
  });

  it('keeps sources apart', () => {
    const view = factsAsOf([ex.marketRegistry(), jan], '2021-01-15');
    expect(Object.keys(view).sort()).toEqual(['market_registry', 'social_insurance']);
  });
});

describe('Fact schema', () => {
  it('accepts every example builder', () => {
    const all = [
      ex.marketRegistry(),
      ex.employerInsurance({ employees: [ex.employee()] }),
      ex.personInsurance(),
      ex.taxRecord(),
      ex.leaseRegistry([ex.lease()]),
      ex.povertyRegistry(),
      ex.awardList([]),
      ex.loanRegistry([ex.loan()]),
      ex.personEmployment(),
      ex.agencyPlacements([ex.placement()]),
    ];
    expect(parseFacts(JSON.parse(JSON.stringify(all)))).toHaveLength(all.length);
  });

  it.each<[string, unknown]>([
    ['unknown source', { ...ex.marketRegistry(), source: 'police' }],
    [
      'period ends before it starts',
      { ...ex.marketRegistry(), period: { from: '2021-01-02', to: '2021-01-01' } },
    ],
    ['money in yuan decimals', ex.employerInsurance({ unemploymentInsurancePaidFen: 12.5 })],
    ['values of another source', { ...ex.marketRegistry(), source: 'tax' }],
    ['bad date', ex.employerInsurance({ employees: [ex.employee({ hiredOn: '2020-13-01' })] })],
  ])('refuses %s', (_name, input) => {
    expect(Fact.safeParse(input).success).toBe(false);
    expect(() => parseFacts([input])).toThrow(DomainError);
  });
});

describe('dates', () => {
  it.each([
    ['2020-01-31', 1, '2020-02-29'],
    ['2021-01-31', 1, '2021-02-28'],
    ['2020-03-01', -24, '2018-03-01'],
    ['2020-12-15', 1, '2021-01-15'],
    ['2020-01-15', -1, '2019-12-15'],
  ])('addMonths(%s, %i) = %s', (from, n, expected) => {
    expect(addMonths(from, n)).toBe(expected);
  });
});

describe('fact paths derived from the schemas', () => {
  it.each([
    ['social_insurance.unemploymentInsurancePaidFen', 'number'],
    ['social_insurance.employees', 'list'],
    ['social_insurance.employment', 'string'],
    ['employment_registry.graduateOn', 'date'],
    ['market_registry.size', 'string'],
    ['poverty_registry.registeredPoor', 'boolean'],
  ])('%s is a %s', (path, kind) => {
    expect(resolvePath(FACT_FIELDS, path.split('.'))?.kind).toBe(kind);
  });
  it('knows enum options and refuses unknown paths', () => {
    expect(resolvePath(FACT_FIELDS, ['market_registry', 'size'])).toMatchObject({
      options: ['micro', 'small', 'medium', 'large'],
    });
    expect(resolvePath(FACT_FIELDS, ['market_registry', 'sizes'])).toBeUndefined();
    expect(resolvePath(FACT_FIELDS, ['market_registry', 'toString'])).toBeUndefined();
  });
});

describe('union sources', () => {
  it('keep every value of the discriminator', () => {
    expect(resolvePath(FACT_FIELDS, ['social_insurance', 'role'])).toMatchObject({
      options: ['employer', 'insured_person'],
    });
  });
});
