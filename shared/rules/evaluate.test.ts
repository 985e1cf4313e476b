import { DomainError } from '../errors';
import * as ex from '../facts/examples';
import * as r from './build';
import { compileRuleSet, EFFECTIVE_WINDOW, evaluate, type RuleSet } from './evaluate';

/** A toy policy: 100 yuan per local hire, cap 250 yuan, valid in 2021. */
const toy: RuleSet = {
  id: 'toy',
  version: 3,
  effectiveFrom: '2021-01-01',
  effectiveTo: '2021-12-31',
  eligibility: [
    r.condition(
      'sme',
      '属于中小微企业',
      r.oneOf(r.fact('market_registry.size'), ['micro', 'small', 'medium']),
    ),
    r.condition(
      'hires',
      '有本县新员工',
      r.gte(r.count('social_insurance.employees', r.eq(r.item('local'), true), '本县员工'), 1),
    ),
  ],
  amount: r.mul(r.count('social_insurance.employees', r.eq(r.item('local'), true)), 10_000),
  capFen: 25_000,
};
const staff = (n: number) =>
  Array.from({ length: n }, (_, i) => ex.employee({ personId: `P${i}` }));
const facts = (n: number, size: 'micro' | 'large' = 'micro') => [
  ex.marketRegistry({ size }),
  ex.employerInsurance({ employees: staff(n) }),
];

describe('evaluate', () => {
  it('explains every condition with the values it used', () => {
    const result = evaluate(toy, facts(2), '2021-06-01');
    expect(result).toEqual({
      policyId: 'toy',
      version: 3,
      asOf: '2021-06-01',
      verdict: 'eligible',
      eligible: true,
      amountFen: 20_000,
      uncappedAmountFen: 20_000,
      capApplied: false,
      conditions: [
        {
          id: EFFECTIVE_WINDOW,
          label: '在政策有效期内（2021-01-01 至 2021-12-31）',
          passed: true,
          values: { asOf: '2021-06-01' },
        },
        {
          id: 'sme',
          label: '属于中小微企业',
          passed: true,
          values: { 'market_registry.size': 'micro' },
        },
        { id: 'hires', label: '有本县新员工', passed: true, values: { 本县员工: 2 } },
      ],
      missingFacts: [],
    });
  });

  it('applies the per-subject cap', () => {
    const result = evaluate(toy, facts(4), '2021-06-01');
    expect([result.amountFen, result.uncappedAmountFen, result.capApplied]).toEqual([
      25_000,
      40_000,
      true,
    ]);
  });

  it.each([
    ['2020-12-31', false],
    ['2021-01-01', true],
    ['2021-12-31', true],
    ['2022-01-01', false],
  ])('enforces the effective window on %s', (asOf, inside) => {
    const result = evaluate(
      toy,
      [
        ex.marketRegistry(),
        ex.employerInsurance({ employees: staff(1) }, undefined, { from: '2020-01-01', to: null }),
      ],
      asOf,
    );
    expect(result.eligible).toBe(inside);
    expect(result.conditions[0]?.passed).toBe(inside);
  });

  it('reports all failing conditions at once and pays nothing', () => {
    const result = evaluate(toy, facts(0, 'large'), '2021-06-01');
    expect(result.verdict).toBe('ineligible');
    expect(result.conditions.filter((c) => c.passed === false).map((c) => c.id)).toEqual([
      'sme',
      'hires',
    ]);
    expect(result.amountFen).toBe(0);
  });

  it('missing facts make the verdict incomplete and are listed', () => {
    const result = evaluate(toy, [ex.marketRegistry()], '2021-06-01');
    expect(result.verdict).toBe('incomplete');
    expect(result.missingFacts).toEqual(['social_insurance']);
    expect(result.conditions.find((c) => c.id === 'hires')?.passed).toBeNull();
  });

  it('a fact whose period does not cover the date counts as missing', () => {
    const old = ex.employerInsurance({ employees: staff(1) }, undefined, {
      from: '2020-01-01',
      to: '2020-12-31',
    });
    expect(evaluate(toy, [ex.marketRegistry(), old], '2021-06-01').missingFacts).toEqual([
      'social_insurance',
    ]);
  });

  it('an amount that cannot be computed makes it incomplete too', () => {
    const needsTax: RuleSet = { ...toy, amount: r.fact('tax.taxPaidFen') };
    const result = evaluate(needsTax, facts(1), '2021-06-01');
    expect([result.verdict, result.missingFacts]).toEqual(['incomplete', ['tax']]);
  });

  it('a negative rule amount means nothing is owed', () => {
    expect(evaluate({ ...toy, amount: r.sub(100, 500) }, facts(1), '2021-06-01').amountFen).toBe(0);
  });

  it('refuses facts of two subjects', () => {
    expect(() =>
      evaluate(toy, [ex.marketRegistry(), ex.employerInsurance({}, 'someone-else')], '2021-06-01'),
    ).toThrow(DomainError);
  });

  it('explain: false skips the values (bulk runs) but not the verdict', () => {
    const result = compileRuleSet(toy).evaluate(facts(2), '2021-06-01', { explain: false });
    expect(result.amountFen).toBe(20_000);
    expect(
      result.conditions.every(
        (c) => Object.keys(c.values).length === 0 || c.id === EFFECTIVE_WINDOW,
      ),
    ).toBe(true);
  });

  it('compiles a policy once and reuses the evaluator', () => {
    expect(compileRuleSet(toy)).toBe(compileRuleSet(toy));
    const compiled = compileRuleSet(toy);
    const verdicts = [facts(1), facts(0, 'large'), facts(3)].map(
      (f) => compiled.evaluate(f, '2021-06-01').amountFen,
    );
    expect(verdicts).toEqual([10_000, 0, 25_000]);
  });

  it('a policy with an ill-typed rule fails at compile, before any applicant', () => {
    expect(() => compileRuleSet({ ...toy, amount: r.eq(1, 1) })).toThrow(DomainError);
  });
});
