import { DomainError } from '../errors';
import * as ex from '../facts/examples';
import { factsAsOf, type FactView } from '../facts/fact';
import { Expr } from './ast';
import * as r from './build';
import { compile } from './compile';

const ASOF = '2021-06-30';
const view: FactView = factsAsOf(
  [
    ex.marketRegistry({ size: 'small', registeredOn: '2018-05-20' }),
    ex.employerInsurance({
      unemploymentInsurancePaidFen: 1_000_001,
      employees: [
        ex.employee({ personId: 'A', consecutiveMonths: 12 }),
        ex.employee({ personId: 'B', consecutiveMonths: 6, local: false }),
        ex.employee({ personId: 'C', consecutiveMonths: 5, hiredOn: '2019-12-31' }),
      ],
    }),
    ex.personEmployment({ graduateOn: null }, ex.DEMO_ENTERPRISE),
  ],
  ASOF,
);
const run = (e: Expr) => compile(e).evaluate(view, ASOF);
const value = (e: Expr) => run(e).value;

describe('operators', () => {
  const paid = r.fact('social_insurance.unemploymentInsurancePaidFen');
  const months = r.item('consecutiveMonths');

  it.each<[string, Expr, unknown]>([
    ['const', r.lift(7), 7],
    ['date', r.date('2020-01-01'), '2020-01-01'],
    ['asOf', r.asOf(), ASOF],
    ['fact', paid, 1_000_001],
    ['addMonths（月末对齐）', r.addMonths('2020-01-31', 1), '2020-02-29'],
    ['addMonths（倒推2年）', r.addMonths(r.asOf(), -24), '2019-06-30'],
    ['eq', r.eq(r.fact('market_registry.size'), 'small'), true],
    ['ne', r.ne(r.fact('market_registry.size'), 'small'), false],
    ['gt', r.gt(paid, 1_000_000), true],
    ['gte 边界', r.gte(paid, 1_000_001), true],
    ['lt', r.lt(paid, 1_000_001), false],
    ['lte 边界', r.lte(paid, 1_000_001), true],
    ['日期比较', r.lt(r.fact('market_registry.registeredOn'), r.date('2020-01-01')), true],
    ['in', r.oneOf(r.fact('market_registry.size'), ['micro', 'small']), true],
    ['within 含起点', r.within(r.date('2020-01-01'), '2020-01-01', '2020-12-31'), true],
    ['within 含终点', r.within(r.date('2020-12-31'), '2020-01-01', '2020-12-31'), true],
    ['within 之外', r.within(r.date('2021-01-01'), '2020-01-01', '2020-12-31'), false],
    ['and', r.and(true, false), false],
    ['or', r.or(false, true), true],
    ['not', r.not(true), false],
    ['count', r.count('social_insurance.employees'), 3],
    [
      'count where',
      r.count('social_insurance.employees', r.and(r.eq(r.item('local'), true), r.gte(months, 6))),
      1,
    ],
    ['sum', r.sum('social_insurance.employees', months), 23],
    [
      'sum where',
      r.sum(
        'social_insurance.employees',
        months,
        r.within(r.item('hiredOn'), '2020-01-01', '2020-12-31'),
      ),
      18,
    ],
    ['add', r.add(1, 2, 3), 6],
    ['sub', r.sub(10, 3), 7],
    ['mul（每人金额×人数）', r.mul(r.count('social_insurance.employees'), 20_000), 60_000],
    ['min（封顶）', r.min(paid, 500_000), 500_000],
    ['max', r.max(paid, 500_000), 1_000_001],
    ['mulDiv 向下取整', r.mulDiv(paid, 1, 3), 333_333],
    ['mulDiv 基点', r.mulDiv(paid, 5_000, 10_000), 500_000],
    [
      'tier ≥12',
      r.tier(12, [
        { atLeast: 12, amount: 200_000 },
        { atLeast: 6, amount: 100_000 },
      ]),
      200_000,
    ],
    [
      'tier 11',
      r.tier(11, [
        { atLeast: 12, amount: 200_000 },
        { atLeast: 6, amount: 100_000 },
      ]),
      100_000,
    ],
    [
      'tier 5 → otherwise',
      r.tier(5, [
        { atLeast: 12, amount: 200_000 },
        { atLeast: 6, amount: 100_000 },
      ]),
      0,
    ],
    ['if', r.when(r.eq(r.fact('market_registry.size'), 'small'), 1, 2), 1],
    ['null 等于 null', r.eq(r.fact('employment_registry.graduateOn'), null), true],
    [
      '与 null 比大小为假',
      r.gt(r.fact('employment_registry.graduateOn'), r.date('2000-01-01')),
      false,
    ],
    [
      'null 不在窗口内',
      r.within(r.fact('employment_registry.graduateOn'), '2000-01-01', '2030-01-01'),
      false,
    ],
  ])('%s', (_name, e, expected) => {
    expect(value(e)).toEqual(expected);
  });
});

describe('missing facts (three-valued)', () => {
  const unknown = r.fact('tax.creditRating'); // no tax fact on file

  it('an unknown fact is reported, not thrown', () => {
    expect(run(r.eq(unknown, 'A'))).toEqual({
      value: undefined,
      missingFacts: ['tax'],
      values: {},
    });
  });
  it.each<[string, Expr, unknown]>([
    ['假 且 未知 = 假', r.and(false, r.eq(unknown, 'A')), false],
    ['真 且 未知 = 未知', r.and(true, r.eq(unknown, 'A')), undefined],
    ['真 或 未知 = 真', r.or(r.eq(unknown, 'A'), true), true],
    ['假 或 未知 = 未知', r.or(false, r.eq(unknown, 'A')), undefined],
    ['非 未知 = 未知', r.not(r.eq(unknown, 'A')), undefined],
    ['未知参与运算 = 未知', r.add(1, r.fact('tax.revenueFen')), undefined],
    ['未知的列表计数 = 未知', r.count('lease_registry.leases'), undefined],
  ])('%s', (_name, e, expected) => {
    expect(value(e)).toEqual(expected);
  });
  it('a field absent from the fact on file is named by its path', () => {
    expect(run(r.gt(r.fact('social_insurance.flexibleInsurancePaidFen'), 0)).missingFacts).toEqual([
      'social_insurance.flexibleInsurancePaidFen',
    ]);
  });
});

describe('explanations', () => {
  it('records each fact value read and each named aggregate', () => {
    const e = r.and(
      r.eq(r.fact('market_registry.size'), 'small'),
      r.gte(r.count('social_insurance.employees', r.eq(r.item('local'), true), '本县员工人数'), 2),
    );
    expect(run(e)).toEqual({
      value: true,
      missingFacts: [],
      values: { 'market_registry.size': 'small', 本县员工人数: 2 },
    });
  });
  it('never copies list elements (employee data) into the explanation', () => {
    const { values } = run(r.gte(r.count('social_insurance.employees'), 1));
    expect(values).toEqual({ 'count(social_insurance.employees)': 3 });
  });
});

describe('compile once, evaluate many', () => {
  it('one compiled rule judges different subjects without leaking state', () => {
    const rule = compile(
      r.gte(r.count('social_insurance.employees', r.gte(r.item('consecutiveMonths'), 6)), 1),
      'boolean',
    );
    const small = factsAsOf(
      [ex.employerInsurance({ employees: [ex.employee({ consecutiveMonths: 5 })] })],
      ASOF,
    );
    expect(rule.evaluate(view, ASOF).value).toBe(true);
    expect(rule.evaluate(small, ASOF).value).toBe(false);
    expect(rule.evaluate(view, ASOF).value).toBe(true);
    expect(rule.evaluate({}, ASOF).missingFacts).toEqual(['social_insurance']);
  });
});

describe('invalid rules are refused', () => {
  it.each<[string, unknown]>([
    ['未知运算', { op: 'pow', args: [] }],
    ['比较缺一个参数', { op: 'gte', args: [{ op: 'const', value: 1 }] }],
    ['路径没有字段', { op: 'fact', path: 'social_insurance' }],
    ['日期格式错误', { op: 'date', value: '2020/01/01' }],
    ['空的 and', { op: 'and', args: [] }],
    [
      '负金额档位',
      {
        op: 'tier',
        value: { op: 'const', value: 1 },
        tiers: [{ atLeast: 1, amount: -1 }],
        otherwise: 0,
      },
    ],
    ['除数为0', { op: 'mulDiv', value: { op: 'const', value: 1 }, mul: 1, div: 0 }],
  ])('zod: %s', (_name, input) => {
    expect(Expr.safeParse(input).success).toBe(false);
  });

  it.each<[string, Expr]>([
    ['未知事实路径', r.fact('social_insurance.unemploymentInsurancePaidFenn')],
    ['未知来源', r.fact('police.record')],
    ['枚举值拼写错误', r.eq(r.fact('market_registry.size'), 'smal')],
    ['in 的选项拼写错误', r.oneOf(r.fact('market_registry.size'), ['micro', 'smal'])],
    [
      '数值与日期比较',
      r.gt(r.fact('social_insurance.unemploymentInsurancePaidFen'), r.date('2020-01-01')),
    ],
    ['字符串比大小', r.gt(r.fact('market_registry.size'), 'micro')],
    ['and 的参数不是布尔', r.and(r.lift(1))],
    ['列表当作单值', r.eq(r.fact('social_insurance.employees'), 1)],
    ['count 的不是列表', r.count('social_insurance.unemploymentInsurancePaidFen')],
    ['item 在列表之外', r.eq(r.item('local'), true)],
    ['item 字段不存在', r.count('social_insurance.employees', r.eq(r.item('salary'), 1))],
    [
      '档位未从高到低',
      r.tier(1, [
        { atLeast: 6, amount: 1 },
        { atLeast: 12, amount: 2 },
      ]),
    ],
    ['小数常量（金额须为分）', r.lift(0.5)],
    ['if 两分支类型不同', r.when(true, 1, 'x')],
  ])('type check: %s', (_name, e) => {
    expect(() => compile(e)).toThrow(DomainError);
  });

  it('a condition must be boolean and an amount a number', () => {
    expect(() => compile(r.lift(1), 'boolean')).toThrow(DomainError);
    expect(() => compile(r.lift(true), 'number')).toThrow(DomainError);
  });
});
