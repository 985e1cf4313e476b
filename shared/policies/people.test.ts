/**
 * Golden cases for POLICIES.md §C (startup) and §D (residents)
 * (003 保居民就业 §四(三)11, §四(三)13, §四(四)19, §四(四)21).
 */
import type { Fact } from '../facts/fact';
import * as ex from '../facts/examples';
import { checkGolden, type GoldenCase } from './golden';

type Employment = Parameters<typeof ex.personEmployment>[0];
type Loan = Parameters<typeof ex.loan>[0];

const BUSINESS = {
  firstBusinessStartedOn: '2020-03-01',
  businessMonthsOperating: 6,
  businessOperatingNormally: true,
};
const person = (
  employment: Employment,
  poverty: Parameters<typeof ex.povertyRegistry>[0] = {},
  loans: Loan[] = [],
): Fact[] => [
  ex.personEmployment(employment),
  ex.povertyRegistry(poverty),
  ex.loanRegistry(loans.map((l, i) => ex.loan({ loanId: `LN-${i}`, ...l }))),
];

const STARTUP_LOAN: GoldenCase[] = [
  {
    name: '高校毕业生创业 → 额度20万元',
    facts: person({ graduateOn: '2019-07-01', ...BUSINESS }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '退役军人',
    facts: person({ veteran: true, ...BUSINESS }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '建档立卡贫困劳动力',
    facts: person(BUSINESS, { registeredPoor: true }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '返乡农民工',
    facts: person({ returningMigrant: true, ...BUSINESS }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '旧贷款已还清',
    facts: person({ veteran: true, ...BUSINESS }, {}, [{ status: 'repaid', outstandingFen: 0 }]),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '不属于重点群体',
    facts: person(BUSINESS),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['key_group'],
  },
  {
    name: '尚未办理创业登记',
    facts: person({ veteran: true }),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['starting_business'],
  },
  {
    name: '有未结清的创业担保贷款',
    facts: person({ veteran: true, ...BUSINESS }, {}, [{}]),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['no_outstanding_startup_loan'],
  },
  {
    name: '有违约的创业担保贷款',
    facts: person({ veteran: true, ...BUSINESS }, {}, [{ status: 'defaulted' }]),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['no_outstanding_startup_loan'],
  },
  {
    name: '窗口：2019-12-31',
    facts: person({ veteran: true, ...BUSINESS }),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2020-01-01',
    facts: person({ veteran: true, ...BUSINESS }),
    asOf: '2020-01-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '窗口：2022-01-01',
    facts: person({ veteran: true, ...BUSINESS }),
    asOf: '2022-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺贷款信息',
    facts: [ex.personEmployment({ veteran: true, ...BUSINESS })],
    asOf: '2020-09-01',
    verdict: 'incomplete',
    missing: ['loan_registry'],
  },
  {
    name: '缺扶贫数据但已是退役军人：不需补充',
    facts: [ex.personEmployment({ veteran: true, ...BUSINESS }), ex.loanRegistry([])],
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '缺就业创业登记',
    facts: [ex.povertyRegistry(), ex.loanRegistry([])],
    asOf: '2020-09-01',
    verdict: 'incomplete',
    missing: ['employment_registry'],
  },
];

const loans = (...list: Loan[]): Fact[] => [
  ex.loanRegistry(list.map((l, i) => ex.loan({ loanId: `LN-${i}`, ...l }))),
];
const LOAN_INTEREST: GoldenCase[] = [
  {
    name: '余额20万元、年利率4.35% → 本季度贴息2175元',
    facts: loans({}),
    asOf: '2020-09-20',
    verdict: 'eligible',
    yuan: 2175,
  },
  {
    name: '余额123457元：向下取整到分 1342.59元',
    facts: loans({ outstandingFen: 12_345_700 }),
    asOf: '2020-09-20',
    verdict: 'eligible',
    yuan: 1342.59,
  },
  {
    name: '两笔合计超上限 → 3000元',
    facts: loans({}, { outstandingFen: 15_000_000 }),
    asOf: '2020-09-20',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '未按期还款',
    facts: loans({ repaidOnTime: false }),
    asOf: '2020-09-20',
    verdict: 'ineligible',
    failing: ['loan_on_time'],
  },
  {
    name: '已结清',
    facts: loans({ status: 'repaid', outstandingFen: 0 }),
    asOf: '2020-09-20',
    verdict: 'ineligible',
    failing: ['loan_on_time'],
  },
  {
    name: '非创业担保贷款',
    facts: loans({ kind: 'poverty_micro' }),
    asOf: '2020-09-20',
    verdict: 'ineligible',
    failing: ['loan_on_time'],
  },
  {
    name: '窗口：2019-12-31',
    facts: [ex.loanRegistry([ex.loan()], undefined, { from: '2019-01-01', to: null })],
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2023-12-31',
    facts: loans({}),
    asOf: '2023-12-31',
    verdict: 'eligible',
    yuan: 2175,
  },
  {
    name: '窗口：2024-01-01',
    facts: loans({}),
    asOf: '2024-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺贷款信息',
    facts: [ex.personEmployment()],
    asOf: '2020-09-20',
    verdict: 'incomplete',
    missing: ['loan_registry'],
  },
];

const YEAR = { ...BUSINESS, businessMonthsOperating: 12 };
const STARTUP_GRANT: GoldenCase[] = [
  {
    name: '离校2年内毕业生首次创业满12个月 → 5000元',
    facts: person({ graduateOn: '2019-07-01', ...YEAR }),
    asOf: '2021-06-01',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '边界：经营11个月',
    facts: person({ graduateOn: '2019-07-01', ...BUSINESS, businessMonthsOperating: 11 }),
    asOf: '2021-06-01',
    verdict: 'ineligible',
    failing: ['operating_12_months'],
  },
  {
    name: '未正常经营',
    facts: person({ graduateOn: '2019-07-01', ...YEAR, businessOperatingNormally: false }),
    asOf: '2021-06-01',
    verdict: 'ineligible',
    failing: ['operating_12_months'],
  },
  {
    name: '边界：创业时离校恰满2年（2018-03-01离校）',
    facts: person({ graduateOn: '2018-03-01', ...YEAR }),
    asOf: '2021-06-01',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '边界：创业时离校超过2年（2018-02-28离校）',
    facts: person({ graduateOn: '2018-02-28', ...YEAR }),
    asOf: '2021-06-01',
    verdict: 'ineligible',
    failing: ['target_group'],
  },
  {
    name: '就业困难人员',
    facts: person({ employmentDifficulty: true, ...YEAR }),
    asOf: '2021-06-01',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '建档立卡贫困劳动力',
    facts: person(YEAR, { registeredPoor: true }),
    asOf: '2021-06-01',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '返乡创业农民工',
    facts: person({ returningMigrant: true, ...YEAR }),
    asOf: '2021-06-01',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '仅退役军人不在补贴范围',
    facts: person({ veteran: true, ...YEAR }),
    asOf: '2021-06-01',
    verdict: 'ineligible',
    failing: ['target_group'],
  },
  {
    name: '没有创业',
    facts: person({ employmentDifficulty: true }),
    asOf: '2021-06-01',
    verdict: 'ineligible',
    failing: ['first_business', 'operating_12_months'],
  },
  {
    name: '窗口：2019-12-31',
    facts: person({ employmentDifficulty: true, ...YEAR }),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2020-01-01',
    facts: person({ employmentDifficulty: true, ...YEAR }),
    asOf: '2020-01-01',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '窗口：2021-12-31',
    facts: person({ employmentDifficulty: true, ...YEAR }),
    asOf: '2021-12-31',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '窗口：2022-01-01',
    facts: person({ employmentDifficulty: true, ...YEAR }),
    asOf: '2022-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺就业创业登记',
    facts: [ex.povertyRegistry()],
    asOf: '2021-06-01',
    verdict: 'incomplete',
    missing: ['employment_registry'],
  },
];

const TRANSFER = {
  transferredOrganised: true,
  transferDestination: 'out_of_province' as const,
  transferredOn: '2020-04-10',
};
const worker = (
  employment: Employment,
  poverty: Parameters<typeof ex.povertyRegistry>[0] = { registeredPoor: true },
): Fact[] => [ex.personEmployment(employment), ex.povertyRegistry(poverty)];
const TRANSFER_TRANSPORT: GoldenCase[] = [
  {
    name: '贫困劳动力有组织输转省外 → 600元',
    facts: worker(TRANSFER),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 600,
  },
  {
    name: '输转省内 → 300元',
    facts: worker({ ...TRANSFER, transferDestination: 'in_province' }),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 300,
  },
  {
    name: '边缘户',
    facts: worker(TRANSFER, { marginal: true }),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 600,
  },
  {
    name: '非贫困非边缘户',
    facts: worker(TRANSFER, {}),
    asOf: '2020-10-01',
    verdict: 'ineligible',
    failing: ['poor_or_marginal'],
  },
  {
    name: '自行外出务工（非有组织输转）',
    facts: worker({ ...TRANSFER, transferredOrganised: false }),
    asOf: '2020-10-01',
    verdict: 'ineligible',
    failing: ['organised_transfer'],
  },
  {
    name: '窗口：2019-12-31输转',
    facts: worker({ ...TRANSFER, transferredOn: '2019-12-31' }),
    asOf: '2020-10-01',
    verdict: 'ineligible',
    failing: ['organised_transfer'],
  },
  {
    name: '窗口：2020-01-01输转',
    facts: worker({ ...TRANSFER, transferredOn: '2020-01-01' }),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 600,
  },
  {
    name: '窗口：2020-12-31输转',
    facts: worker({ ...TRANSFER, transferredOn: '2020-12-31' }),
    asOf: '2021-01-05',
    verdict: 'eligible',
    yuan: 600,
  },
  {
    name: '窗口：2021-01-01输转',
    facts: worker({ ...TRANSFER, transferredOn: '2021-01-01' }),
    asOf: '2021-01-05',
    verdict: 'ineligible',
    failing: ['organised_transfer'],
  },
  {
    name: '缺扶贫数据',
    facts: [ex.personEmployment(TRANSFER)],
    asOf: '2020-10-01',
    verdict: 'incomplete',
    missing: ['poverty_registry'],
  },
];

const stable = (months: number, employment: 'employed' | 'unemployed' = 'employed'): Fact[] => [
  ...worker(TRANSFER),
  ex.personInsurance({ employment, consecutiveMonths: months, employedSince: '2020-04-15' }),
];
const TRANSFER_STABLE: GoldenCase[] = [
  {
    name: '边界：连续2个月',
    facts: stable(2),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['stable_3_months'],
  },
  {
    name: '边界：连续3个月 → 1800+1500=3300元',
    facts: stable(3),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 3300,
  },
  {
    name: '边界：连续5个月 → 3300元',
    facts: stable(5),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 3300,
  },
  {
    name: '边界：连续6个月 → 再加2400=5700元',
    facts: stable(6),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 5700,
  },
  {
    name: '连续12个月仍为5700元',
    facts: stable(12),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 5700,
  },
  {
    name: '已失业',
    facts: stable(6, 'unemployed'),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['stable_3_months'],
  },
  {
    name: '非贫困非边缘户',
    facts: [
      ex.personEmployment(TRANSFER),
      ex.povertyRegistry(),
      ex.personInsurance({ consecutiveMonths: 6 }),
    ],
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['poor_or_marginal'],
  },
  {
    name: '窗口：2021-12-31',
    facts: stable(6),
    asOf: '2021-12-31',
    verdict: 'eligible',
    yuan: 5700,
  },
  {
    name: '窗口：2022-01-01',
    facts: stable(6),
    asOf: '2022-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺社保数据',
    facts: worker(TRANSFER),
    asOf: '2021-03-01',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
];

const flexible = (
  employment: Employment,
  paidFen: number,
  year = 2020,
  kind: 'flexible' | 'employed' = 'flexible',
): Fact[] => [
  ex.personEmployment(employment),
  ex.personInsurance({
    employment: kind,
    contributionYear: year,
    flexibleInsurancePaidFen: paidFen,
  }),
];
const FLEXIBLE: GoldenCase[] = [
  {
    name: '就业困难人员缴费4500元 → 补贴三分之二3000元',
    facts: flexible({ employmentDifficulty: true }, 450_000),
    asOf: '2020-12-15',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '缴费1000元 → 666.66元（向下取整到分）',
    facts: flexible({ employmentDifficulty: true }, 100_000),
    asOf: '2020-12-15',
    verdict: 'eligible',
    yuan: 666.66,
  },
  {
    name: '缴费6000元 → 封顶3000元',
    facts: flexible({ employmentDifficulty: true }, 600_000),
    asOf: '2020-12-15',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '离校2年内毕业生',
    facts: flexible({ graduateOn: '2019-07-01' }, 300_000),
    asOf: '2020-12-15',
    verdict: 'eligible',
    yuan: 2000,
  },
  {
    name: '边界：离校恰满2年',
    facts: flexible({ graduateOn: '2018-12-15' }, 300_000),
    asOf: '2020-12-15',
    verdict: 'eligible',
    yuan: 2000,
  },
  {
    name: '边界：离校超过2年',
    facts: flexible({ graduateOn: '2018-12-14' }, 300_000),
    asOf: '2020-12-15',
    verdict: 'ineligible',
    failing: ['target_group'],
  },
  {
    name: '单位就业不属灵活就业',
    facts: flexible({ employmentDifficulty: true }, 300_000, 2020, 'employed'),
    asOf: '2020-12-15',
    verdict: 'ineligible',
    failing: ['flexible_contributions_2020'],
  },
  {
    name: '缴费年度为2019',
    facts: flexible({ employmentDifficulty: true }, 300_000, 2019),
    asOf: '2020-12-15',
    verdict: 'ineligible',
    failing: ['flexible_contributions_2020'],
  },
  {
    name: '窗口：2019-12-31',
    facts: flexible({ employmentDifficulty: true }, 300_000),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2022-01-01',
    facts: flexible({ employmentDifficulty: true }, 300_000),
    asOf: '2022-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺社保数据',
    facts: [ex.personEmployment({ employmentDifficulty: true })],
    asOf: '2020-12-15',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
];

describe.each<[string, GoldenCase[]]>([
  ['startup-loan', STARTUP_LOAN],
  ['startup-loan-interest', LOAN_INTEREST],
  ['startup-grant', STARTUP_GRANT],
  ['transfer-transport', TRANSFER_TRANSPORT],
  ['transfer-stable', TRANSFER_STABLE],
  ['flexible-employment-insurance', FLEXIBLE],
])('%s', (policyId, cases) => {
  it.each(cases)('$name', (c) => checkGolden(policyId, c, expect));
});
