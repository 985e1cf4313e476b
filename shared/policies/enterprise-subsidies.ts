/**
 * POLICIES.md §A — subsidies to enterprises (奖补).
 * Each rule cites the seed clause it implements; amounts are written in yuan via `yuan()`
 * so they can be checked against the text at a glance, and stored as fen.
 */
import { yuan } from '../money';
import type { Expr } from '../rules/ast';
import {
  and,
  condition,
  count,
  eq,
  fact,
  gt,
  gte,
  item,
  lte,
  mul,
  mulDiv,
  ne,
  oneOf,
  or,
  sum,
  tier,
  within,
} from '../rules/build';
import {
  claimsWindowParameter,
  CLAIMS_2020_CLOSE,
  EPIDEMIC_FROM,
  EPIDEMIC_TO,
  epidemicPeriodParameter,
  GUIDE,
  operating,
  SEED,
  smallMediumMicroEnterprise,
  yuanParameter,
} from './common';
import type { PolicyVersion } from './types';

const EMPLOYEES = 'social_insurance.employees';

// ── hire-local 吸纳本县劳动力就业奖补 ─────────────────────────────────────────

/** 003 保居民就业 §四(二)6: hires made 2020-01-01…2020-12-31, local workers. */
const newLocalHire2020: Expr = and(
  eq(item('local'), true),
  within(item('hiredOn'), '2020-01-01', '2020-12-31'),
);

/** "稳定就业半年以上、1年以上…分别按照1000元/人、2000元/人" — 以上 includes the number. */
const hireLocalPerPerson: Expr = tier(item('consecutiveMonths'), [
  { atLeast: 12, amount: yuan(2000) },
  { atLeast: 6, amount: yuan(1000) },
]);

export const hireLocal: PolicyVersion = {
  id: 'hire-local',
  version: 1,
  title: '中小微企业吸纳本县劳动力就业一次性奖补',
  summary:
    '2020年新增吸纳本县劳动力且稳定就业满半年、满1年的中小微企业，按每人1000元、2000元给予一次性奖补。社保数据可证明的免申即享。',
  department: 'finance',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'both',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: CLAIMS_2020_CLOSE,
  eligibility: [
    operating,
    smallMediumMicroEnterprise,
    condition(
      'stable_local_hires',
      '2020年新增吸纳本县劳动力且稳定就业满6个月的人数不少于1人',
      gte(
        count(
          EMPLOYEES,
          and(newLocalHire2020, gte(item('consecutiveMonths'), 6)),
          '2020年新增本县劳动力稳定就业满6个月人数',
        ),
        1,
      ),
    ),
  ],
  amount: sum(EMPLOYEES, hireLocalPerPerson, newLocalHire2020, '按人计算的奖补合计（分）'),
  capFen: yuan(200_000),
  budgetFen: yuan(5_000_000),
  materials: [
    { id: 'hire_roster', name: '新增本县劳动力花名册（含身份证号、入职日期）', optional: false },
    { id: 'labour_contracts', name: '劳动合同', optional: false },
    { id: 'insurance_proof', name: '社会保险缴费明细', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 15,
  ...GUIDE.finance,
  parameters: [
    claimsWindowParameter,
    yuanParameter(
      '单户奖补上限',
      yuan(200_000),
      '种子文件未规定单户上限；县里按100人×2000元设定，可调整',
    ),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(二)6',
    quote:
      '对2020年1月1日至12月31日期间,中小微企业新增吸纳本县劳动力且稳定就业半年以上、1年以上的,分别按照1000元/人、2000元/人标准给予中小微企业一次性奖补。',
  },
};

// ── hire-poor 吸纳贫困劳动力就业奖补 ─────────────────────────────────────────

const poorHireInEpidemic: Expr = and(
  eq(item('local'), true),
  eq(item('registeredPoor'), true),
  within(item('hiredOn'), EPIDEMIC_FROM, EPIDEMIC_TO),
);

export const hirePoor: PolicyVersion = {
  id: 'hire-poor',
  version: 1,
  title: '吸纳贫困劳动力就业一次性奖补',
  summary:
    '疫情防控期间，企业、扶贫车间、合作社、家庭农场等生产经营主体吸纳本地建档立卡贫困劳动力且稳定就业满半年、满1年的，按每人3000元、5000元给予一次性奖补。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'both',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: CLAIMS_2020_CLOSE,
  eligibility: [
    operating,
    condition(
      'stable_poor_hires',
      '疫情防控期间吸纳本地贫困劳动力且稳定就业满6个月的人数不少于1人',
      gte(
        count(
          EMPLOYEES,
          and(poorHireInEpidemic, gte(item('consecutiveMonths'), 6)),
          '吸纳本地贫困劳动力稳定就业满6个月人数',
        ),
        1,
      ),
    ),
  ],
  amount: sum(
    EMPLOYEES,
    tier(item('consecutiveMonths'), [
      { atLeast: 12, amount: yuan(5000) },
      { atLeast: 6, amount: yuan(3000) },
    ]),
    poorHireInEpidemic,
    '按人计算的奖补合计（分）',
  ),
  capFen: yuan(250_000),
  budgetFen: yuan(3_000_000),
  materials: [
    { id: 'hire_roster', name: '吸纳贫困劳动力花名册', optional: false },
    { id: 'labour_contracts', name: '劳动合同', optional: false },
    { id: 'wage_records', name: '工资发放记录', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 15,
  ...GUIDE.hrss,
  parameters: [
    epidemicPeriodParameter,
    claimsWindowParameter,
    yuanParameter(
      '单户奖补上限',
      yuan(250_000),
      '种子文件未规定单户上限；县里按50人×5000元设定，可调整',
    ),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(二)7',
    quote:
      '疫情防控期间,对企业、扶贫车间、合作社、家庭农场等各类生产经营主体吸纳本地贫困劳动力且稳定就业半年、1年以上的,分别按3000元/人、5000元/人标准给予生产经营主体一次性奖补。',
  },
};

// ── job-retention-refund 失业保险稳岗返还 ────────────────────────────────────

/** "最高可提至…100%": the county may pay less; 10000 bp = the seed's ceiling. */
const RETENTION_REFUND_BP = 10_000;
/** 不裁员少裁员 is not quantified in the seed; the national 2020 yardstick is used. */
const LAYOFF_RATE_MAX_BP = 550;
const SMALL_EMPLOYER_HEADCOUNT = 30;
const SMALL_EMPLOYER_LAYOFF_RATE_MAX_BP = 2000;

const layoffs = fact('social_insurance.layoffsInYear');
const headcount = fact('social_insurance.headcountAtYearStart');
/** layoffs / headcount ≤ rate, in integers: layoffs × 10000 ≤ headcount × bp. */
const layoffRateAtMost = (bp: number): Expr => lte(mul(layoffs, 10_000), mul(headcount, bp));

export const jobRetentionRefund: PolicyVersion = {
  id: 'job-retention-refund',
  version: 1,
  title: '失业保险稳岗返还',
  summary:
    '不裁员或少裁员的中小微企业，返还企业及其职工上年度缴纳失业保险费，最高100%。依据社保数据免申即享。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'auto',
  // 返还 of last year's contributions: one refund per year.
  benefitPeriod: 'year',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2020-12-31',
  eligibility: [
    operating,
    smallMediumMicroEnterprise,
    condition(
      'paid_unemployment_insurance',
      '上年度（2019年）足额缴纳失业保险费',
      and(
        eq(fact('social_insurance.contributionYear'), 2019),
        gt(fact('social_insurance.unemploymentInsurancePaidFen'), 0),
      ),
    ),
    condition(
      'few_layoffs',
      '上年度不裁员或少裁员（裁员率不超过5.5%，参保30人及以下企业不超过20%）',
      or(
        layoffRateAtMost(LAYOFF_RATE_MAX_BP),
        and(
          lte(headcount, SMALL_EMPLOYER_HEADCOUNT),
          layoffRateAtMost(SMALL_EMPLOYER_LAYOFF_RATE_MAX_BP),
        ),
      ),
    ),
  ],
  amount: mulDiv(
    fact('social_insurance.unemploymentInsurancePaidFen'),
    RETENTION_REFUND_BP,
    10_000,
  ),
  capFen: yuan(500_000),
  budgetFen: yuan(10_000_000),
  materials: [],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 10,
  ...GUIDE.hrss,
  parameters: [
    {
      name: '返还比例',
      value: RETENTION_REFUND_BP,
      unit: '基点',
      note: '种子文件：最高可提至100%；县里按100%执行',
    },
    {
      name: '裁员率上限',
      value: LAYOFF_RATE_MAX_BP,
      unit: '基点',
      note: '种子文件只写"不裁员少裁员"；采用2020年全国标准5.5%，参保30人及以下企业放宽至20%',
    },
    yuanParameter('单户返还上限', yuan(500_000), '种子文件未规定；县里设定，可调整'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(二)5',
    quote:
      '加大失业保险稳岗返还力度,对不裁员少裁员的中小微企业,失业保险稳岗返还标准最高可提至企业及其职工上年度缴纳失业保险费的100%。',
  },
};

// ── training-subsidy 培训费直接补助 ──────────────────────────────────────────

const trainedPoorInEpidemic: Expr = and(
  eq(item('registeredPoor'), true),
  within(item('trainedOn'), EPIDEMIC_FROM, EPIDEMIC_TO),
);

export const trainingSubsidy: PolicyVersion = {
  id: 'training-subsidy',
  version: 1,
  title: '用工企业吸纳贫困劳动力培训补助',
  summary:
    '疫情期间用工企业培训并吸纳贫困劳动力，稳定就业3个月以上、6个月以上的，分别按每人1000元、2000元给予培训补助。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'apply',
  // The subsidy sums every trainee of the epidemic period: claimed once, not per year of the window.
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: CLAIMS_2020_CLOSE,
  eligibility: [
    operating,
    condition(
      'trained_poor_hires',
      '疫情期间培训并吸纳的贫困劳动力中稳定就业满3个月的不少于1人',
      gte(
        count(
          EMPLOYEES,
          and(trainedPoorInEpidemic, gte(item('consecutiveMonths'), 3)),
          '培训后稳定就业满3个月的贫困劳动力人数',
        ),
        1,
      ),
    ),
  ],
  amount: sum(
    EMPLOYEES,
    tier(item('consecutiveMonths'), [
      { atLeast: 6, amount: yuan(2000) },
      { atLeast: 3, amount: yuan(1000) },
    ]),
    trainedPoorInEpidemic,
    '按人计算的培训补助合计（分）',
  ),
  capFen: yuan(100_000),
  budgetFen: yuan(1_000_000),
  materials: [
    { id: 'training_roster', name: '培训人员花名册及培训记录', optional: false },
    { id: 'labour_contracts', name: '劳动合同', optional: false },
    { id: 'training_invoices', name: '培训费用票据', optional: true },
  ],
  reviewLevels: 2,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  ...GUIDE.hrss,
  parameters: [
    epidemicPeriodParameter,
    claimsWindowParameter,
    yuanParameter('单户补助上限', yuan(100_000), '种子文件未规定；县里按50人×2000元设定，可调整'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(五)23',
    quote:
      '疫情期间,落实对用工企业吸纳贫困劳动力培训费直接补助政策,稳定就业3个月以上、6个月以上的,按规定分别按1000元/人、2000元/人的标准给予培训补助。',
  },
};

// ── labour-agency-reward 劳务中介输转奖补 ────────────────────────────────────

const PLACEMENTS = 'employment_registry.placements';
const qualifyingPlacement: Expr = and(
  eq(item('registeredPoor'), true),
  within(item('placedOn'), EPIDEMIC_FROM, EPIDEMIC_TO),
  gte(item('contractMonths'), 6),
  gte(item('monthsPerformed'), 6),
);

export const labourAgencyReward: PolicyVersion = {
  id: 'labour-agency-reward',
  version: 1,
  title: '人力资源服务机构有组织输转贫困劳动力奖补',
  summary:
    '经营性人力资源服务机构、劳务中介机构、劳务经纪人有组织输转贫困劳动力到企业稳定就业，签订并实际履行6个月以上劳动合同的，按每人200元给予一次性奖补。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'apply',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: CLAIMS_2020_CLOSE,
  eligibility: [
    operating,
    condition(
      'hr_agency',
      '属于人力资源服务机构或劳务中介',
      eq(fact('market_registry.industry'), 'hr_services'),
    ),
    condition(
      'qualifying_placements',
      '有组织输转的贫困劳动力中签订并实际履行6个月以上劳动合同的不少于1人',
      gte(count(PLACEMENTS, qualifyingPlacement, '符合条件的输转人数'), 1),
    ),
  ],
  amount: mul(count(PLACEMENTS, qualifyingPlacement), yuan(200)),
  capFen: yuan(20_000),
  budgetFen: yuan(200_000),
  materials: [
    { id: 'placement_roster', name: '输转人员花名册', optional: false },
    { id: 'labour_contracts', name: '劳动合同及履行证明', optional: false },
    { id: 'agency_licence', name: '人力资源服务许可证', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  ...GUIDE.hrss,
  parameters: [
    epidemicPeriodParameter,
    claimsWindowParameter,
    yuanParameter('单户奖补上限', yuan(20_000), '种子文件未规定；县里按100人×200元设定，可调整'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(三)11',
    quote:
      '对全县经营性人力资源服务机构、劳务中介机构、劳务经纪人有组织输转贫困劳动力到企业实现稳定就业,且签订并实际履行6个月以上劳动合同的,按200元/人标准给予一次性奖补。',
  },
};

// ── retail-supply-reward 保供商贸企业奖补 ────────────────────────────────────

/** "给予一次性奖补" with no figure: the county sets it. */
const RETAIL_SUPPLY_REWARD = yuan(20_000);

export const retailSupplyReward: PolicyVersion = {
  id: 'retail-supply-reward',
  version: 1,
  title: '防疫保供商贸企业一次性奖补',
  summary:
    '与防疫保供、保障民生密切相关的大型超市、连锁便利店、限上批发零售企业，经认定为保供企业的，给予一次性奖补。',
  department: 'commerce',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'apply',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2020-12-31',
  eligibility: [
    operating,
    condition(
      'retail_format',
      '属于大型超市、连锁便利店或限额以上批发零售企业',
      or(
        oneOf(fact('market_registry.retailFormat'), ['large_supermarket', 'convenience_chain']),
        and(
          eq(fact('market_registry.industry'), 'wholesale_retail'),
          eq(fact('market_registry.aboveQuota'), true),
        ),
      ),
    ),
    condition(
      'supply_guarantee_listed',
      '列入2020年防疫保供企业名单',
      gte(
        count(
          'award_list.awards',
          and(eq(item('code'), 'supply_guarantee'), eq(item('year'), 2020)),
          '保供企业认定',
        ),
        1,
      ),
    ),
  ],
  amount: { op: 'const', value: RETAIL_SUPPLY_REWARD },
  capFen: RETAIL_SUPPLY_REWARD,
  budgetFen: yuan(1_000_000),
  materials: [
    { id: 'supply_statement', name: '防疫保供情况说明', optional: false },
    { id: 'sales_records', name: '疫情期间销售及库存台账', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  ...GUIDE.commerce,
  parameters: [
    yuanParameter('奖补金额', RETAIL_SUPPLY_REWARD, '种子文件未规定金额，由县商务局、财政局确定'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(一)3',
    quote:
      '对与防疫保供、保障民生以及农民工输转就业密切相关的大型超市、连锁便利店、限上批发零售企业,给予一次性奖补。',
  },
};

// ── enterprise-awards 惠企奖补（免申即享） ───────────────────────────────────

/** Industrial awards of the year; the supply-guarantee designation belongs to 商务 above. */
const industrialAward2023: Expr = and(eq(item('year'), 2023), ne(item('code'), 'supply_guarantee'));

export const enterpriseAwards: PolicyVersion = {
  id: 'enterprise-awards',
  version: 1,
  title: '惠企政策奖补（免申即享）',
  summary:
    '列入投产达效、技改扩规、进规入库、高新技术企业等奖补名单的工业企业，免申报、零审批、资金直达，9个工作日内拨付。',
  department: 'finance',
  kind: 'subsidy',
  subjectKind: 'enterprise',
  mode: 'auto',
  // The award list is published yearly.
  benefitPeriod: 'year',
  effectiveFrom: '2023-01-01',
  effectiveTo: '2023-12-31',
  eligibility: [
    condition('industrial', '属于工业企业', eq(fact('market_registry.industry'), 'manufacturing')),
    condition(
      'listed_2023',
      '列入2023年度惠企奖补名单',
      gte(count('award_list.awards', industrialAward2023, '2023年度获奖项数'), 1),
    ),
  ],
  amount: sum(
    'award_list.awards',
    item('amountFen'),
    industrialAward2023,
    '奖补名单金额合计（分）',
  ),
  capFen: yuan(2_000_000),
  budgetFen: yuan(20_000_000),
  materials: [],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 9,
  ...GUIDE.finance,
  parameters: [
    yuanParameter(
      '单户奖补上限',
      yuan(2_000_000),
      '各奖项金额由名单发布部门确定；单户上限由县里设定',
    ),
  ],
  source: {
    seed: SEED.tianmenFinance2023,
    clause: '天门市财政局2023年上半年工作总结 §二（"免申即享"）',
    quote:
      '对具备实行“免申即享”条件的惠企奖补资金实行“免申报,零审批,资金直达”拨付机制……奖补涉及工业企业投产达效、技改扩规、进规入库、高新技术企业等30多个奖项,惠及全市536家中小微企业,资金全部在9个工作日内拨付完毕。',
  },
};
