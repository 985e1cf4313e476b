/**
 * Golden cases for POLICIES.md §A (003 保居民就业 §四(一)3, §四(二)5–7, §四(三)11, §四(五)23; 002 §二).
 * One table per policy; each row: 用例 | facts | 评估日期 | verdict | 金额(元) | 不满足的条件 | 缺少的数据.
 */
import type { Fact } from '../facts/fact';
import * as ex from '../facts/examples';
import type { Employee } from '../facts/sources';
import { checkGolden, type GoldenCase } from './golden';

const employees = (...list: Partial<Employee>[]) =>
  list.map((e, i) => ex.employee({ personId: `P-${i}`, ...e }));
const firm = (staff: Employee[], market: Parameters<typeof ex.marketRegistry>[0] = {}): Fact[] => [
  ex.marketRegistry(market),
  ex.employerInsurance({ employees: staff }),
];

const HIRE_LOCAL: GoldenCase[] = [
  {
    name: '1名本县新员工满6个月 → 1000元',
    facts: firm(employees({ consecutiveMonths: 6 })),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 1000,
  },
  {
    name: '边界：5个月不满半年',
    facts: firm(employees({ consecutiveMonths: 5 })),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_local_hires'],
  },
  {
    name: '边界：11个月仍按半年档 1000元',
    facts: firm(employees({ consecutiveMonths: 11 })),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 1000,
  },
  {
    name: '边界：12个月按1年档 2000元',
    facts: firm(employees({ consecutiveMonths: 12 })),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 2000,
  },
  {
    name: '混合：12个月+6个月+5个月+外县12个月 → 3000元',
    facts: firm(
      employees(
        { consecutiveMonths: 12 },
        { consecutiveMonths: 6 },
        { consecutiveMonths: 5 },
        { consecutiveMonths: 12, local: false },
      ),
    ),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '窗口：2019-12-31入职不算新增',
    facts: firm(employees({ hiredOn: '2019-12-31', consecutiveMonths: 12 })),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_local_hires'],
  },
  {
    name: '窗口：2020-01-01入职算',
    facts: firm(employees({ hiredOn: '2020-01-01', consecutiveMonths: 12 })),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 2000,
  },
  {
    name: '窗口：2020-12-31入职算',
    facts: firm(employees({ hiredOn: '2020-12-31', consecutiveMonths: 6 })),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 1000,
  },
  {
    name: '窗口：2021-01-01入职不算',
    facts: firm(employees({ hiredOn: '2021-01-01', consecutiveMonths: 6 })),
    asOf: '2021-07-30',
    verdict: 'ineligible',
    failing: ['stable_local_hires'],
  },
  {
    name: '外县劳动力不算',
    facts: firm(employees({ local: false, consecutiveMonths: 12 })),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_local_hires'],
  },
  {
    name: '大型企业不享受',
    facts: firm(employees({ consecutiveMonths: 6 }), { size: 'large' }),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['sme'],
  },
  {
    name: '个体工商户不是企业',
    facts: firm(employees({ consecutiveMonths: 6 }), { kind: 'individual_business' }),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['sme'],
  },
  {
    name: '已注销',
    facts: firm(employees({ consecutiveMonths: 6 }), { status: 'deregistered' }),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['operating'],
  },
  {
    name: '单户上限：150人满1年 30万元 → 封顶20万元',
    facts: firm(
      Array.from({ length: 150 }, (_, i) =>
        ex.employee({ personId: `P-${i}`, consecutiveMonths: 12 }),
      ),
    ),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 200_000,
  },
  {
    name: '有效期前 2019-12-31',
    facts: firm(employees({ consecutiveMonths: 6 })),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '有效期后 2022-01-01',
    facts: firm(employees({ consecutiveMonths: 12 })),
    asOf: '2022-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺社保数据',
    facts: [ex.marketRegistry()],
    asOf: '2021-06-30',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
  {
    name: '缺登记数据',
    facts: [ex.employerInsurance({ employees: employees({}) })],
    asOf: '2021-06-30',
    verdict: 'incomplete',
    missing: ['market_registry'],
  },
  {
    name: '按日期取数：2020-12-31 时社保快照尚未生效',
    facts: firm(employees({ consecutiveMonths: 6 })),
    asOf: '2020-12-31',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
];

const poor = (e: Partial<Employee>) => ({ registeredPoor: true, ...e });
const HIRE_POOR: GoldenCase[] = [
  {
    name: '贫困劳动力满6个月 → 3000元',
    facts: firm(employees(poor({ consecutiveMonths: 6 }))),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '边界：5个月',
    facts: firm(employees(poor({ consecutiveMonths: 5 }))),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_poor_hires'],
  },
  {
    name: '边界：11个月 → 3000元',
    facts: firm(employees(poor({ consecutiveMonths: 11 }))),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '边界：12个月 → 5000元',
    facts: firm(employees(poor({ consecutiveMonths: 12 }))),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '合作社也可享受',
    facts: firm(employees(poor({ consecutiveMonths: 12 }), poor({ consecutiveMonths: 6 })), {
      kind: 'cooperative',
    }),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 8000,
  },
  {
    name: '大型企业也可享受（各类生产经营主体）',
    facts: firm(employees(poor({ consecutiveMonths: 6 })), { size: 'large' }),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '非贫困劳动力不算',
    facts: firm(employees({ consecutiveMonths: 12 })),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_poor_hires'],
  },
  {
    name: '外地贫困劳动力不算（本地）',
    facts: firm(employees(poor({ consecutiveMonths: 12, local: false }))),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_poor_hires'],
  },
  {
    name: '窗口：2019-12-31吸纳',
    facts: firm(employees(poor({ hiredOn: '2019-12-31', consecutiveMonths: 12 }))),
    asOf: '2021-06-30',
    verdict: 'ineligible',
    failing: ['stable_poor_hires'],
  },
  {
    name: '窗口：2020-01-01吸纳',
    facts: firm(employees(poor({ hiredOn: '2020-01-01', consecutiveMonths: 12 }))),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 5000,
  },
  {
    name: '窗口：2020-12-31吸纳',
    facts: firm(employees(poor({ hiredOn: '2020-12-31', consecutiveMonths: 6 }))),
    asOf: '2021-06-30',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '窗口：2021-01-01吸纳',
    facts: firm(employees(poor({ hiredOn: '2021-01-01', consecutiveMonths: 6 }))),
    asOf: '2021-07-30',
    verdict: 'ineligible',
    failing: ['stable_poor_hires'],
  },
  {
    name: '缺社保数据',
    facts: [ex.marketRegistry()],
    asOf: '2021-06-30',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
];

const insured = (
  v: Parameters<typeof ex.employerInsurance>[0],
  market: Parameters<typeof ex.marketRegistry>[0] = {},
): Fact[] => [
  ex.marketRegistry(market),
  ex.employerInsurance(v, undefined, { from: '2020-01-01', to: null }),
];
const PAID = { contributionYear: 2019, unemploymentInsurancePaidFen: 1_234_567 };
const JOB_RETENTION: GoldenCase[] = [
  {
    name: '上年缴费12345.67元、未裁员 → 全额返还',
    facts: insured(PAID),
    asOf: '2020-06-30',
    verdict: 'eligible',
    yuan: 12_345.67,
  },
  {
    name: '裁员率5%（100人裁5人）',
    facts: insured({ ...PAID, headcountAtYearStart: 100, layoffsInYear: 5 }),
    asOf: '2020-06-30',
    verdict: 'eligible',
    yuan: 12_345.67,
  },
  {
    name: '边界：裁员率5.5%（200人裁11人）',
    facts: insured({ ...PAID, headcountAtYearStart: 200, layoffsInYear: 11 }),
    asOf: '2020-06-30',
    verdict: 'eligible',
    yuan: 12_345.67,
  },
  {
    name: '裁员率6%（100人裁6人）',
    facts: insured({ ...PAID, headcountAtYearStart: 100, layoffsInYear: 6 }),
    asOf: '2020-06-30',
    verdict: 'ineligible',
    failing: ['few_layoffs'],
  },
  {
    name: '30人以下企业裁员率20%（20人裁4人）',
    facts: insured({ ...PAID, headcountAtYearStart: 20, layoffsInYear: 4 }),
    asOf: '2020-06-30',
    verdict: 'eligible',
    yuan: 12_345.67,
  },
  {
    name: '30人以下企业裁员率25%（20人裁5人）',
    facts: insured({ ...PAID, headcountAtYearStart: 20, layoffsInYear: 5 }),
    asOf: '2020-06-30',
    verdict: 'ineligible',
    failing: ['few_layoffs'],
  },
  {
    name: '上年未缴失业保险',
    facts: insured({ ...PAID, unemploymentInsurancePaidFen: 0 }),
    asOf: '2020-06-30',
    verdict: 'ineligible',
    failing: ['paid_unemployment_insurance'],
  },
  {
    name: '缴费年度不是2019',
    facts: insured({ ...PAID, contributionYear: 2018 }),
    asOf: '2020-06-30',
    verdict: 'ineligible',
    failing: ['paid_unemployment_insurance'],
  },
  {
    name: '大型企业',
    facts: insured(PAID, { size: 'large' }),
    asOf: '2020-06-30',
    verdict: 'ineligible',
    failing: ['sme'],
  },
  {
    name: '单户上限：缴费60万元 → 50万元',
    facts: insured({ ...PAID, unemploymentInsurancePaidFen: 60_000_000 }),
    asOf: '2020-06-30',
    verdict: 'eligible',
    yuan: 500_000,
  },
  {
    name: '窗口：2019-12-31',
    facts: insured(PAID),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2020-01-01',
    facts: insured(PAID),
    asOf: '2020-01-01',
    verdict: 'eligible',
    yuan: 12_345.67,
  },
  {
    name: '窗口：2020-12-31',
    facts: insured(PAID),
    asOf: '2020-12-31',
    verdict: 'eligible',
    yuan: 12_345.67,
  },
  {
    name: '窗口：2021-01-01',
    facts: insured(PAID),
    asOf: '2021-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺社保数据',
    facts: [ex.marketRegistry()],
    asOf: '2020-06-30',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
  {
    name: '社保数据是个人参保记录而非单位账户',
    facts: [
      ex.marketRegistry(),
      ex.personInsurance({ contributionYear: 2019 }, ex.DEMO_ENTERPRISE),
    ],
    asOf: '2020-06-30',
    verdict: 'incomplete',
    missing: [
      'social_insurance.headcountAtYearStart',
      'social_insurance.layoffsInYear',
      'social_insurance.unemploymentInsurancePaidFen',
    ],
  },
];

const trainee = (e: Partial<Employee>) => ({ registeredPoor: true, trainedOn: '2020-04-15', ...e });
const TRAINING: GoldenCase[] = [
  {
    name: '培训后稳定就业3个月 → 1000元',
    facts: firm(employees(trainee({ consecutiveMonths: 3 }))),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 1000,
  },
  {
    name: '边界：2个月',
    facts: firm(employees(trainee({ consecutiveMonths: 2 }))),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['trained_poor_hires'],
  },
  {
    name: '边界：5个月 → 1000元',
    facts: firm(employees(trainee({ consecutiveMonths: 5 }))),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 1000,
  },
  {
    name: '边界：6个月 → 2000元',
    facts: firm(employees(trainee({ consecutiveMonths: 6 }))),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 2000,
  },
  {
    name: '两人：6个月+3个月 → 3000元',
    facts: firm(employees(trainee({ consecutiveMonths: 6 }), trainee({ consecutiveMonths: 3 }))),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 3000,
  },
  {
    name: '未经企业培训',
    facts: firm(employees(trainee({ consecutiveMonths: 6, trainedOn: null }))),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['trained_poor_hires'],
  },
  {
    name: '非贫困劳动力',
    facts: firm(employees(trainee({ consecutiveMonths: 6, registeredPoor: false }))),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['trained_poor_hires'],
  },
  {
    name: '窗口：2019-12-31培训',
    facts: firm(employees(trainee({ consecutiveMonths: 6, trainedOn: '2019-12-31' }))),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['trained_poor_hires'],
  },
  {
    name: '窗口：2020-01-01培训',
    facts: firm(employees(trainee({ consecutiveMonths: 6, trainedOn: '2020-01-01' }))),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 2000,
  },
  {
    name: '窗口：2020-12-31培训',
    facts: firm(employees(trainee({ consecutiveMonths: 3, trainedOn: '2020-12-31' }))),
    asOf: '2021-04-01',
    verdict: 'eligible',
    yuan: 1000,
  },
  {
    name: '窗口：2021-01-01培训',
    facts: firm(employees(trainee({ consecutiveMonths: 3, trainedOn: '2021-01-01' }))),
    asOf: '2021-04-01',
    verdict: 'ineligible',
    failing: ['trained_poor_hires'],
  },
  {
    name: '缺社保数据',
    facts: [ex.marketRegistry()],
    asOf: '2021-03-01',
    verdict: 'incomplete',
    missing: ['social_insurance'],
  },
];

const agency = (
  list: Parameters<typeof ex.placement>[0][],
  market: Parameters<typeof ex.marketRegistry>[0] = { industry: 'hr_services' },
): Fact[] => [
  ex.marketRegistry(market),
  ex.agencyPlacements(list.map((p, i) => ex.placement({ personId: `P-${i}`, ...p }))),
];
const LABOUR_AGENCY: GoldenCase[] = [
  {
    name: '输转3人履行满6个月 → 600元',
    facts: agency([{}, {}, {}]),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 600,
  },
  {
    name: '边界：实际履行5个月',
    facts: agency([{ monthsPerformed: 5 }]),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['qualifying_placements'],
  },
  {
    name: '边界：合同期5个月',
    facts: agency([{ contractMonths: 5, monthsPerformed: 6 }]),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['qualifying_placements'],
  },
  {
    name: '非贫困劳动力不算',
    facts: agency([{ registeredPoor: false }, {}]),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 200,
  },
  {
    name: '不是人力资源服务机构',
    facts: agency([{}], { industry: 'catering' }),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['hr_agency'],
  },
  {
    name: '窗口：2019-12-31输转',
    facts: agency([{ placedOn: '2019-12-31' }]),
    asOf: '2021-03-01',
    verdict: 'ineligible',
    failing: ['qualifying_placements'],
  },
  {
    name: '窗口：2020-01-01输转',
    facts: agency([{ placedOn: '2020-01-01' }]),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 200,
  },
  {
    name: '窗口：2020-12-31输转',
    facts: agency([{ placedOn: '2020-12-31' }]),
    asOf: '2021-07-01',
    verdict: 'eligible',
    yuan: 200,
  },
  {
    name: '窗口：2021-01-01输转',
    facts: agency([{ placedOn: '2021-01-01' }]),
    asOf: '2021-07-01',
    verdict: 'ineligible',
    failing: ['qualifying_placements'],
  },
  {
    name: '单户上限：150人 → 2万元',
    facts: agency(Array.from({ length: 150 }, () => ({}))),
    asOf: '2021-03-01',
    verdict: 'eligible',
    yuan: 20_000,
  },
  {
    name: '缺输转登记',
    facts: [ex.marketRegistry({ industry: 'hr_services' })],
    asOf: '2021-03-01',
    verdict: 'incomplete',
    missing: ['employment_registry'],
  },
];

const SUPPLY_2020 = {
  code: 'supply_guarantee' as const,
  year: 2020,
  amountFen: 0,
  listedOn: '2020-03-01',
};
const shop = (market: Parameters<typeof ex.marketRegistry>[0], awards = [SUPPLY_2020]): Fact[] => [
  ex.marketRegistry(market),
  ex.awardList(awards, undefined, { from: '2020-03-01', to: null }),
];
const RETAIL_SUPPLY: GoldenCase[] = [
  {
    name: '大型超市、保供名单 → 2万元',
    facts: shop({ retailFormat: 'large_supermarket' }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 20_000,
  },
  {
    name: '连锁便利店',
    facts: shop({ retailFormat: 'convenience_chain' }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 20_000,
  },
  {
    name: '限上批发零售企业',
    facts: shop({ aboveQuota: true }),
    asOf: '2020-09-01',
    verdict: 'eligible',
    yuan: 20_000,
  },
  {
    name: '限下批发零售企业',
    facts: shop({ aboveQuota: false }),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['retail_format'],
  },
  {
    name: '未列入保供名单',
    facts: shop({ retailFormat: 'large_supermarket' }, []),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['supply_guarantee_listed'],
  },
  {
    name: '2021年名单不算',
    facts: shop({ retailFormat: 'large_supermarket' }, [{ ...SUPPLY_2020, year: 2021 }]),
    asOf: '2020-09-01',
    verdict: 'ineligible',
    failing: ['supply_guarantee_listed'],
  },
  {
    name: '窗口：2020-12-31',
    facts: shop({ retailFormat: 'large_supermarket' }),
    asOf: '2020-12-31',
    verdict: 'eligible',
    yuan: 20_000,
  },
  {
    name: '窗口：2021-01-01',
    facts: shop({ retailFormat: 'large_supermarket' }),
    asOf: '2021-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺奖补名单',
    facts: [ex.marketRegistry({ retailFormat: 'large_supermarket' })],
    asOf: '2020-09-01',
    verdict: 'incomplete',
    missing: ['award_list'],
  },
];

const award = (
  code: 'production_target' | 'high_tech' | 'supply_guarantee',
  amountYuan: number,
  year = 2023,
) => ({
  code,
  year,
  amountFen: amountYuan * 100,
  listedOn: `${year}-03-01`,
});
const factory = (
  awards: ReturnType<typeof award>[],
  industry: 'manufacturing' | 'catering' = 'manufacturing',
): Fact[] => [ex.marketRegistry({ industry, aboveScale: true }), ex.awardList(awards)];
const ENTERPRISE_AWARDS: GoldenCase[] = [
  {
    name: '投产达效5万+高新技术企业10万 → 15万元',
    facts: factory([award('production_target', 50_000), award('high_tech', 100_000)]),
    asOf: '2023-06-01',
    verdict: 'eligible',
    yuan: 150_000,
  },
  {
    name: '只有2022年奖项',
    facts: factory([award('production_target', 50_000, 2022)]),
    asOf: '2023-06-01',
    verdict: 'ineligible',
    failing: ['listed_2023'],
  },
  {
    name: '保供认定不属工业奖补',
    facts: factory([award('supply_guarantee', 1)]),
    asOf: '2023-06-01',
    verdict: 'ineligible',
    failing: ['listed_2023'],
  },
  {
    name: '非工业企业',
    facts: factory([award('high_tech', 100_000)], 'catering'),
    asOf: '2023-06-01',
    verdict: 'ineligible',
    failing: ['industrial'],
  },
  {
    name: '单户上限：250万元 → 200万元',
    facts: factory([award('high_tech', 2_500_000)]),
    asOf: '2023-06-01',
    verdict: 'eligible',
    yuan: 2_000_000,
  },
  {
    name: '窗口：2022-12-31',
    facts: factory([award('high_tech', 100_000)]),
    asOf: '2022-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2023-01-01',
    facts: factory([award('high_tech', 100_000)]),
    asOf: '2023-01-01',
    verdict: 'eligible',
    yuan: 100_000,
  },
  {
    name: '窗口：2023-12-31',
    facts: factory([award('high_tech', 100_000)]),
    asOf: '2023-12-31',
    verdict: 'eligible',
    yuan: 100_000,
  },
  {
    name: '窗口：2024-01-01',
    facts: factory([award('high_tech', 100_000)]),
    asOf: '2024-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺奖补名单',
    facts: [ex.marketRegistry({ industry: 'manufacturing' })],
    asOf: '2023-06-01',
    verdict: 'incomplete',
    missing: ['award_list'],
  },
];

describe.each<[string, GoldenCase[]]>([
  ['hire-local', HIRE_LOCAL],
  ['hire-poor', HIRE_POOR],
  ['job-retention-refund', JOB_RETENTION],
  ['training-subsidy', TRAINING],
  ['labour-agency-reward', LABOUR_AGENCY],
  ['retail-supply-reward', RETAIL_SUPPLY],
  ['enterprise-awards', ENTERPRISE_AWARDS],
])('%s', (policyId, cases) => {
  it.each(cases)('$name', (c) => checkGolden(policyId, c, expect));
});
