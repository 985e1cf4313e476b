import { DomainError } from '../errors';
import * as ex from '../facts/examples';
import { compileExpr, paramValueOn } from './compile';
import { evaluate, type RuleSet } from './evaluate';
import type { ParamValues } from './ast';

const params: ParamValues = new Map([
  [
    'hire-subsidy.per-person',
    [
      { from: '2020-01-01', value: 100_000 },
      { from: '2027-01-01', value: 150_000 },
    ],
  ],
]);

const toy: RuleSet = {
  id: 'toy',
  version: 1,
  effectiveFrom: '2020-01-01',
  effectiveTo: '2030-12-31',
  eligibility: [
    {
      id: 'operating',
      label: '正常经营',
      rule: {
        op: 'eq',
        args: [
          { op: 'fact', path: 'market_registry.status' },
          { op: 'const', value: 'operating' },
        ],
      },
    },
  ],
  amount: { op: 'param', name: 'hire-subsidy.per-person' },
  capFen: 1_000_000,
};

describe('param: a named dated parameter in the rule language', () => {
  it('reads the value in force on the as-of date (¥1,000 → ¥1,500 from 2027-01-01)', () => {
    const facts = [ex.marketRegistry()];
    expect(evaluate(toy, facts, '2026-12-31', { params }).amountFen).toBe(100_000);
    expect(evaluate(toy, facts, '2027-01-01', { params }).amountFen).toBe(150_000);
  });

  it('the compiler refuses an unknown parameter name', () => {
    expect(() =>
      compileExpr({ op: 'param', name: 'hire-subsidy.per-persn' }, 'number', params),
    ).toThrow(DomainError);
    expect(() => evaluate(toy, [ex.marketRegistry()], '2026-01-01')).toThrow(/未知的参数/);
  });

  it('is a number: comparing it with a boolean is refused', () => {
    expect(() =>
      compileExpr(
        {
          op: 'eq',
          args: [
            { op: 'param', name: 'hire-subsidy.per-person' },
            { op: 'const', value: true },
          ],
        },
        'boolean',
        params,
      ),
    ).toThrow(DomainError);
  });

  it('before its first value it is undecided, never a guess', () => {
    expect(paramValueOn(params.get('hire-subsidy.per-person') ?? [], '2019-12-31')).toBeUndefined();
  });
});
