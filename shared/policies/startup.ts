/**
 * POLICIES.md §C — startup support (创业): guaranteed loans, their interest subsidy, and the
 * one-off startup grant. (The incubator fee waiver lives with the rent waivers.)
 */
import { yuan } from '../money';
import type { Expr } from '../rules/ast';
import {
  addMonths,
  and,
  condition,
  count,
  eq,
  fact,
  gte,
  item,
  mul,
  mulDiv,
  ne,
  oneOf,
  or,
  sum,
  within,
} from '../rules/build';
import { GUIDE, SEED, yuanParameter } from './common';
import type { PolicyVersion } from './types';
import { STARTUP_LOAN_TERMS as LOAN_TERMS } from '../loan-terms';

/** The loan steps' named figures (shared/loan-terms.ts, which the lifecycle checks against). */
const STARTUP_LOAN_PARAMETERS = [
  {
    name: '担保费率上限（标准）',
    value: LOAN_TERMS.guaranteeFee.standardCapBp,
    unit: '基点',
    note: '县中小企业信用担保公司标准费率上限，县里设定（示例值，待确认）',
  },
  {
    name: '受疫情影响严重的中小微企业降低担保综合费率',
    value: LOAN_TERMS.guaranteeFee.hardHitReductionBp,
    unit: '基点',
    note: '种子文件003 保市场主体 §四(二)8：降低综合费率0.5个百分点',
  },
  {
    name: '生活服务保障企业担保费率上限',
    value: LOAN_TERMS.guaranteeFee.livingServiceCapBp,
    unit: '基点',
    note: '种子文件003 保市场主体 §四(二)8：担保费率降至1.5%以下',
  },
  {
    name: '疫情防控相关企业担保费率上限',
    value: LOAN_TERMS.guaranteeFee.epidemicControlCapBp,
    unit: '基点',
    note: '种子文件003 保市场主体 §四(二)8：担保费率降至1%以下',
  },
  {
    name: '贷款利率加点上限（LPR+）',
    value: LOAN_TERMS.maxSpreadBp,
    unit: '基点',
    note: '财金〔2020〕21号：西部地区不超过LPR+250BP',
  },
  {
    name: '贷款期限上限',
    value: LOAN_TERMS.maxTermMonths,
    unit: '月',
    note: '财金〔2020〕21号：最长3年',
  },
  {
    name: '延期还本付息最晚至',
    value: LOAN_TERMS.deferral.latestUntilOn,
    unit: '日期',
    note: '种子文件003 保市场主体 §四(二)6(1)：延期还本付息政策再延长至明年3月底',
  },
];

const EMPLOYMENT = 'employment_registry';
const startedOn = fact(`${EMPLOYMENT}.firstBusinessStartedOn`);
const isTrue = (path: string): Expr => eq(fact(path), true);

// ── startup-loan 创业担保贷款 ─────────────────────────────────────────────────

/** "个人最高可申请创业担保贷款额度由15万元提高至20万元". */
const LOAN_CEILING = yuan(200_000);

export const startupLoan: PolicyVersion = {
  id: 'startup-loan',
  version: 1,
  title: '创业担保贷款',
  summary:
    '高校毕业生、就业困难人员、建档立卡贫困劳动力、返乡创业农民工、退役军人等重点群体创业，由县担保基金担保、合作银行发放创业担保贷款，个人最高20万元。',
  department: 'hrss',
  kind: 'startup_loan',
  subjectKind: 'person',
  mode: 'apply',
  // The loan holds this claim while open (issue 13): one open loan application per person; it is
  // given back when the loan is refused or repaid (shared/entitlement.ts).
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2021-12-31',
  eligibility: [
    condition(
      'key_group',
      '属于高校毕业生、就业困难人员、建档立卡贫困劳动力、返乡创业农民工或退役军人',
      or(
        ne(fact(`${EMPLOYMENT}.graduateOn`), null),
        isTrue(`${EMPLOYMENT}.employmentDifficulty`),
        isTrue('poverty_registry.registeredPoor'),
        isTrue(`${EMPLOYMENT}.returningMigrant`),
        isTrue(`${EMPLOYMENT}.veteran`),
      ),
    ),
    condition('starting_business', '已办理创业登记（营业执照）', ne(startedOn, null)),
    condition(
      'no_outstanding_startup_loan',
      '名下没有未结清的创业担保贷款',
      eq(
        count(
          'loan_registry.loans',
          and(
            eq(item('kind'), 'startup_guarantee'),
            oneOf(item('status'), ['active', 'overdue', 'defaulted']),
          ),
          '未结清创业担保贷款笔数',
        ),
        0,
      ),
    ),
  ],
  // The ceiling, not a payment: the bank lends up to it after the guarantee review.
  amount: { op: 'const', value: LOAN_CEILING },
  capFen: LOAN_CEILING,
  budgetFen: yuan(100_000_000),
  materials: [
    { id: 'id_card', name: '居民身份证', optional: false },
    { id: 'business_licence', name: '营业执照', optional: false },
    { id: 'business_plan', name: '创业计划书', optional: false },
    {
      id: 'group_certificate',
      name: '重点群体身份证明（毕业证、退役证、就业困难人员认定等）',
      optional: true,
    },
  ],
  reviewLevels: 1,
  publicityDays: 0,
  paymentSlaWorkingDays: 20,
  ...GUIDE.hrss,
  parameters: [
    yuanParameter('个人贷款额度上限', LOAN_CEILING, '种子文件：由15万元提高至20万元'),
    ...STARTUP_LOAN_PARAMETERS,
    yuanParameter(
      '贷款总规模',
      yuan(100_000_000),
      '担保基金1000万元×放大倍数10倍（种子文件：还款率90%以上的合作银行可放大至担保基金存款余额的10倍）',
    ),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(四)19',
    quote: '扩大政策享受面,降低贷款申请门槛,个人最高可申请创业担保贷款额度由15万元提高至20万元',
  },
};

// ── startup-loan-interest 创业担保贷款贴息 ───────────────────────────────────

/**
 * The seed says 贴息 without a share; the county pays the whole contract interest
 * (财金〔2020〕21号, which the seed implements, subsidises 2020 loans in full).
 */
const INTEREST_SHARE_BP = 10_000;
const subsidisedLoan = and(
  eq(item('kind'), 'startup_guarantee'),
  eq(item('status'), 'active'),
  eq(item('repaidOnTime'), true),
);
/** One quarter's interest on the outstanding principal: outstanding × rate(bp) × share(bp) ÷ (4 × 10⁴ × 10⁴). */
const quarterInterest = mulDiv(
  mul(item('outstandingFen'), item('annualRateBp')),
  INTEREST_SHARE_BP,
  4 * 10_000 * 10_000,
);

export const startupLoanInterest: PolicyVersion = {
  id: 'startup-loan-interest',
  version: 1,
  title: '创业担保贷款财政贴息',
  summary: '创业担保贷款按期还款的借款人，由财政按季度贴息，自动拨付至合作银行还款账户。',
  department: 'finance',
  kind: 'loan_interest',
  subjectKind: 'person',
  mode: 'auto',
  // 贴息 is settled per quarter.
  benefitPeriod: 'quarter',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2023-12-31',
  eligibility: [
    condition(
      'loan_on_time',
      '有按期还款的未结清创业担保贷款',
      gte(count('loan_registry.loans', subsidisedLoan, '按期还款的创业担保贷款笔数'), 1),
    ),
  ],
  amount: sum('loan_registry.loans', quarterInterest, subsidisedLoan, '本季度贴息合计（分）'),
  capFen: yuan(3_000),
  budgetFen: yuan(3_000_000),
  materials: [],
  reviewLevels: 1,
  publicityDays: 0,
  paymentSlaWorkingDays: 10,
  ...GUIDE.finance,
  parameters: [
    {
      name: '财政贴息比例',
      value: INTEREST_SHARE_BP,
      unit: '基点',
      note: '种子文件只写"贴息"；按合同利息全额贴息',
    },
    { name: '结算周期', value: '每季度', unit: '周期', note: 'DESIGN.md §7：每季度末月20日结息' },
    yuanParameter('单户每季度贴息上限', yuan(3_000), '20万元×LPR加点上限的一个季度利息，县里设定'),
    {
      name: '逾期不予贴息天数',
      value: LOAN_TERMS.overdueNoSubsidyDays,
      unit: '天',
      note: '本季度内逾期超过该天数的贷款，该季度不予贴息（县里设定，示例值）',
    },
    {
      name: '贴息拨付对象',
      value: LOAN_TERMS.interestPayee === 'bank' ? '合作银行' : '借款人',
      unit: '设置',
      note: '通常拨付至合作银行；也可设置为借款人还款账户',
    },
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(四)19；000 §四(四)；002 §一（创业担保贷款1357笔）',
    quote:
      '落实财政部、人社部、中国人民银行《关于进一步加大创业担保贷款贴息力度全力支持重点群体创业就业的通知》(财金〔2020〕21号)',
  },
};

// ── startup-grant 一次性创业补贴 ──────────────────────────────────────────────

export const startupGrant: PolicyVersion = {
  id: 'startup-grant',
  version: 1,
  title: '一次性创业补贴',
  summary:
    '离校2年内高校毕业生、就业困难人员、建档立卡贫困劳动力、返乡下乡创业农民工首次创业且正常经营1年以上的，给予5000元一次性创业补贴。',
  department: 'hrss',
  kind: 'subsidy',
  subjectKind: 'person',
  mode: 'apply',
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2021-12-31',
  eligibility: [
    condition(
      'target_group',
      '属于离校2年内高校毕业生、就业困难人员、建档立卡贫困劳动力或返乡创业农民工',
      or(
        // "离校2年内" is measured when the business was started.
        within(fact(`${EMPLOYMENT}.graduateOn`), addMonths(startedOn, -24), startedOn),
        isTrue(`${EMPLOYMENT}.employmentDifficulty`),
        isTrue('poverty_registry.registeredPoor'),
        isTrue(`${EMPLOYMENT}.returningMigrant`),
      ),
    ),
    condition('first_business', '属于首次创业', ne(startedOn, null)),
    condition(
      'operating_12_months',
      '正常经营满12个月',
      and(
        gte(fact(`${EMPLOYMENT}.businessMonthsOperating`), 12),
        isTrue(`${EMPLOYMENT}.businessOperatingNormally`),
      ),
    ),
  ],
  amount: { op: 'const', value: yuan(5000) },
  capFen: yuan(5000),
  budgetFen: yuan(2_000_000),
  materials: [
    { id: 'id_card', name: '居民身份证', optional: false },
    { id: 'business_licence', name: '营业执照', optional: false },
    { id: 'bank_account', name: '本人社会保障卡或银行卡', optional: false },
    // 容缺: tax or social-insurance records usually prove it; the paper can follow.
    { id: 'operating_proof', name: '正常经营1年以上证明（纳税或社保缴费记录）', optional: true },
  ],
  reviewLevels: 2,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  ...GUIDE.hrss,
  parameters: [],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(四)21',
    quote:
      '将一次性创业补贴范围由离校2年内高校毕业生和就业困难人员,扩展至建档立卡贫困劳动力、农民工等返乡下乡创业人员,对首次创业且正常经营1年以上的,试点给予5000元的一次性创业补贴。',
  },
};
