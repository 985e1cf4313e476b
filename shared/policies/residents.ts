/**
 * POLICIES.md §D — benefits paid to residents (个人).
 */
import { yuan } from '../money';
import type { Expr } from '../rules/ast';
import {
  add,
  addMonths,
  and,
  asOf,
  condition,
  eq,
  fact,
  gt,
  gte,
  mulDiv,
  or,
  tier,
  when,
  within,
} from '../rules/build';
import {
  claimsWindowParameter,
  CLAIMS_2020_CLOSE,
  EPIDEMIC_FROM,
  EPIDEMIC_TO,
  epidemicPeriodParameter,
  GUIDE,
  poorOrMarginal,
  SEED,
  yuanParameter,
} from './common';
import type { PolicyVersion } from './types';

const EMPLOYMENT = 'employment_registry';

const TRANSFER_QUOTE =
  '疫情防控期间,对有组织输转的贫困户和边缘户劳动力,给予省内300元、省外600元的一次性交通补贴,稳定就业连续满3个月的按规定给予1800元劳务奖补,稳定就业连续满6个月的,再给予2400元的劳务奖补,稳定就业连续满3个月的,给予1500元一次性生活费补贴。';

const organisedTransfer = condition(
  'organised_transfer',
  '疫情防控期间经有组织输转就业',
  and(
    eq(fact(`${EMPLOYMENT}.transferredOrganised`), true),
    within(fact(`${EMPLOYMENT}.transferredOn`), EPIDEMIC_FROM, EPIDEMIC_TO),
  ),
);

// ── transfer-transport 输转一次性交通补贴 ────────────────────────────────────

const destination = fact(`${EMPLOYMENT}.transferDestination`);

export const transferTransport: PolicyVersion = {
  id: 'transfer-transport',
  version: 1,
  title: '有组织输转贫困劳动力一次性交通补贴',
  summary:
    '疫情防控期间有组织输转的贫困户和边缘户劳动力，给予省内300元、省外600元的一次性交通补贴。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'person',
  mode: 'apply',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: CLAIMS_2020_CLOSE,
  eligibility: [poorOrMarginal, organisedTransfer],
  amount: when(
    eq(destination, 'out_of_province'),
    yuan(600),
    when(eq(destination, 'in_province'), yuan(300), 0),
  ),
  capFen: yuan(600),
  budgetFen: yuan(500_000),
  materials: [
    { id: 'id_card', name: '居民身份证', optional: false },
    { id: 'travel_tickets', name: '乘车票据或输转登记凭证', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 15,
  ...GUIDE.hrss,
  parameters: [epidemicPeriodParameter, claimsWindowParameter],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(三)11',
    quote: TRANSFER_QUOTE,
  },
};

// ── transfer-stable 输转稳定就业劳务奖补及生活费补贴 ──────────────────────────

const stableMonths = fact('social_insurance.consecutiveMonths');

export const transferStable: PolicyVersion = {
  id: 'transfer-stable',
  version: 1,
  title: '有组织输转贫困劳动力稳定就业奖补',
  summary:
    '有组织输转的贫困户和边缘户劳动力，稳定就业连续满3个月的给予1800元劳务奖补和1500元一次性生活费补贴，连续满6个月的再给予2400元劳务奖补。依据社保数据免申即享。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'person',
  mode: 'auto',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: CLAIMS_2020_CLOSE,
  eligibility: [
    poorOrMarginal,
    organisedTransfer,
    condition(
      'stable_3_months',
      '输转后稳定就业连续满3个月',
      and(eq(fact('social_insurance.employment'), 'employed'), gte(stableMonths, 3)),
    ),
  ],
  // The three payments of the clause, kept apart so each stays traceable to its words:
  // 1800 劳务奖补 (≥3), another 2400 劳务奖补 (≥6), 1500 生活费补贴 (≥3).
  amount: add(
    tier(stableMonths, [{ atLeast: 3, amount: yuan(1800) }]),
    tier(stableMonths, [{ atLeast: 6, amount: yuan(2400) }]),
    tier(stableMonths, [{ atLeast: 3, amount: yuan(1500) }]),
  ),
  capFen: yuan(5700),
  budgetFen: yuan(3_000_000),
  materials: [],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 15,
  ...GUIDE.hrss,
  parameters: [epidemicPeriodParameter, claimsWindowParameter],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(三)11',
    quote: TRANSFER_QUOTE,
  },
};

// ── flexible-employment-insurance 灵活就业社会保险补贴 ───────────────────────

/** "按当地标准": the county pays two thirds of the contributions actually paid. */
const FLEXIBLE_SHARE_NUMERATOR = 2;
const FLEXIBLE_SHARE_DENOMINATOR = 3;
const FLEXIBLE_CAP = yuan(3_000);

const graduateWithinTwoYears: Expr = within(
  fact(`${EMPLOYMENT}.graduateOn`),
  addMonths(asOf(), -24),
  asOf(),
);

export const flexibleEmploymentInsurance: PolicyVersion = {
  id: 'flexible-employment-insurance',
  version: 1,
  title: '灵活就业人员社会保险补贴',
  summary:
    '就业困难人员、离校2年内未就业高校毕业生灵活就业后缴纳社会保险费的，按当地标准给予社会保险补贴。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'person',
  mode: 'apply',
  // A subsidy of the year's contributions (每人每年上限): one per year.
  benefitPeriod: 'year',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2021-12-31',
  eligibility: [
    condition(
      'target_group',
      '属于就业困难人员或离校2年内高校毕业生',
      or(eq(fact(`${EMPLOYMENT}.employmentDifficulty`), true), graduateWithinTwoYears),
    ),
    condition(
      'flexible_contributions_2020',
      '2020年以灵活就业人员身份缴纳社会保险费',
      and(
        eq(fact('social_insurance.employment'), 'flexible'),
        eq(fact('social_insurance.contributionYear'), 2020),
        gt(fact('social_insurance.flexibleInsurancePaidFen'), 0),
      ),
    ),
  ],
  amount: mulDiv(
    fact('social_insurance.flexibleInsurancePaidFen'),
    FLEXIBLE_SHARE_NUMERATOR,
    FLEXIBLE_SHARE_DENOMINATOR,
  ),
  capFen: FLEXIBLE_CAP,
  budgetFen: yuan(2_000_000),
  materials: [
    { id: 'id_card', name: '居民身份证', optional: false },
    { id: 'flexible_employment_statement', name: '灵活就业情况说明', optional: false },
    { id: 'contribution_receipts', name: '社会保险缴费凭证', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  ...GUIDE.hrss,
  parameters: [
    {
      name: '补贴比例',
      value: `${FLEXIBLE_SHARE_NUMERATOR}/${FLEXIBLE_SHARE_DENOMINATOR}`,
      unit: '实际缴费',
      note: '种子文件写"按当地标准"；县里按实际缴费的三分之二补贴，向下取整到分',
    },
    yuanParameter('每人每年补贴上限', FLEXIBLE_CAP, '县里设定，可调整'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(三)13',
    quote: '落实就业困难人员、离校2年内未就业高校毕业生灵活就业后的社会保险补贴政策',
  },
};
