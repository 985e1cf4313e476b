/**
 * POLICIES.md §B — rent waivers (房租减免), plus the incubator fee waiver of §C, which is
 * the same mechanism (a lease on file, months of charges not collected).
 * The amount is the rent not collected, in fen, so the ledger and the 71/516 completion
 * rate of 002 can be reported in money as well as in count.
 */
import { yuan } from '../money';
import { SERVICE_INDUSTRIES } from '../facts/sources';
import type { Expr } from '../rules/ast';
import {
  add,
  and,
  asOf,
  condition,
  count,
  date,
  eq,
  fact,
  gte,
  item,
  lte,
  mul,
  oneOf,
  sum,
} from '../rules/build';
import { GUIDE, operating, SEED, smallMicroOrIndividual, yuanParameter } from './common';
import type { PolicyVersion } from './types';

const LEASES = 'lease_registry.leases';

/** A lease in force at some point of [from, to]: it starts before the window ends and ends after it starts. */
const leaseOverlaps = (from: string, to: string): Expr =>
  and(lte(item('startOn'), date(to)), gte(item('endOn'), date(from)));

const serviceSector = condition(
  'service_sector',
  '属于服务业',
  oneOf(fact('market_registry.industry'), [...SERVICE_INDUSTRIES]),
);

// ── rent-waiver-state 承租国有房屋免3个月租金 ────────────────────────────────

/** "免除上半年3个月租金". */
const STATE_WAIVER_MONTHS = 3;
const stateLeaseH1 = and(
  eq(item('landlordKind'), 'state'),
  leaseOverlaps('2020-01-01', '2020-06-30'),
);

export const rentWaiverState: PolicyVersion = {
  id: 'rent-waiver-state',
  version: 1,
  title: '承租国有房屋服务业小微企业和个体工商户房租减免',
  summary:
    '承租国有房屋的服务业小微企业和个体工商户，免除2020年上半年3个月租金；当前仍在减免期的，顺延减免期限。出租方为国有资产公司且租赁已备案的，免申即享。',
  department: 'finance',
  kind: 'rent_waiver',
  subjectKind: 'enterprise',
  mode: 'both',
  // 3 months of the 2020 first half, once (extended, not repeated, 顺延).
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2020-12-31',
  eligibility: [
    operating,
    smallMicroOrIndividual,
    serviceSector,
    condition(
      'state_lease_h1_2020',
      '2020年上半年承租国有房屋',
      gte(count(LEASES, stateLeaseH1, '2020年上半年国有房屋租赁合同数'), 1),
    ),
  ],
  // No pro-rating for a lease that began late in the half-year: the seed's 顺延 (000 §四(二))
  // carries the waived months forward rather than shrinking them.
  amount: sum(
    LEASES,
    mul(item('monthlyRentFen'), STATE_WAIVER_MONTHS),
    stateLeaseH1,
    '减免租金合计（分）',
  ),
  capFen: yuan(150_000),
  budgetFen: yuan(3_000_000),
  materials: [
    { id: 'lease_contract', name: '国有房屋租赁合同', optional: false },
    { id: 'rent_receipts', name: '租金缴纳凭证', optional: true },
  ],
  reviewLevels: 1,
  // The waived rent is refunded from the county treasury (国有资产收益): 县财政局 signs off each 支付批次.
  financeSignoff: true,
  publicityDays: 5,
  paymentSlaWorkingDays: 15,
  ...GUIDE.finance,
  parameters: [
    {
      name: '减免月数',
      value: STATE_WAIVER_MONTHS,
      unit: '月',
      note: '种子文件：免除上半年3个月租金',
    },
    yuanParameter('单户减免上限', yuan(150_000), '种子文件未规定；县里设定，可调整'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(二)9；关于保市场主体工作方案 §四(二)7(3)；000 §四(二)',
    quote: '对承租国有房屋的服务业小微企业和个体工商户,免除上半年3个月租金。',
  },
};

// ── rent-waiver-2023 行政事业单位房屋租金减免 ────────────────────────────────

/** 002 cites the 2023 notice without its terms; 3 months mirrors the state-property rule. */
const PUBLIC_WAIVER_MONTHS = 3;
const publicLease2023 = and(
  eq(item('landlordKind'), 'public_institution'),
  leaseOverlaps('2023-01-01', '2023-12-31'),
);

export const rentWaiver2023: PolicyVersion = {
  id: 'rent-waiver-2023',
  version: 1,
  title: '2023年行政事业单位房屋租金减免',
  summary:
    '承租行政事业单位房屋的服务业小微企业和个体工商户，2023年减免租金。平台公开减免进度（已减免户数/应减免户数）。',
  department: 'finance',
  kind: 'rent_waiver',
  subjectKind: 'enterprise',
  mode: 'both',
  // The 2023 notice waives a year's rent: one waiver per year.
  benefitPeriod: 'year',
  effectiveFrom: '2023-01-01',
  effectiveTo: '2023-12-31',
  eligibility: [
    operating,
    smallMicroOrIndividual,
    serviceSector,
    condition(
      'public_lease_2023',
      '2023年承租行政事业单位房屋',
      gte(count(LEASES, publicLease2023, '2023年行政事业单位房屋租赁合同数'), 1),
    ),
  ],
  amount: sum(
    LEASES,
    mul(item('monthlyRentFen'), PUBLIC_WAIVER_MONTHS),
    publicLease2023,
    '减免租金合计（分）',
  ),
  capFen: yuan(150_000),
  budgetFen: yuan(2_000_000),
  materials: [
    { id: 'lease_contract', name: '行政事业单位房屋租赁合同', optional: false },
    { id: 'rent_receipts', name: '租金缴纳凭证', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 15,
  ...GUIDE.finance,
  parameters: [
    {
      name: '减免月数',
      value: PUBLIC_WAIVER_MONTHS,
      unit: '月',
      note: '种子文件只引用《关于做好2023年行政事业单位租金减免、缓缴相关工作的通知》未列标准；县里按3个月设定',
    },
    {
      name: '应减免户数',
      value: 516,
      unit: '户',
      note: '种子文件：应对516家服务业小微企业和个体工商户进行减免（用于完成率）',
    },
    yuanParameter('单户减免上限', yuan(150_000), '县里设定，可调整'),
  ],
  source: {
    seed: SEED.tianmenFinance2023,
    clause: '天门市财政局2023年上半年工作总结 §二（国资）',
    quote:
      '2023年,我市应对516家服务业小微企业和个体工商户进行减免,应减免金额XX万元,截至现在,已减免71家,减免金额XX万元,减免率6.55%。',
  },
};

// ── incubator-fee-waiver 创业孵化基地费用减免 ────────────────────────────────

/** "落实场租费、宽带费、水暖电物业费等费用减免" — how many months is the county's call. */
const INCUBATOR_WAIVER_MONTHS = 12;
const incubatorLeaseNow = and(
  eq(item('premises'), 'incubator_base'),
  lte(item('startOn'), asOf()),
  gte(item('endOn'), asOf()),
);

export const incubatorFeeWaiver: PolicyVersion = {
  id: 'incubator-fee-waiver',
  version: 1,
  title: '创业孵化基地入驻企业费用减免',
  summary: '入驻创业孵化基地的创业项目和企业，减免场租费、宽带费、水暖电物业费等费用。',
  department: 'industry',
  kind: 'rent_waiver',
  subjectKind: 'enterprise',
  mode: 'apply',
  // The county waives the first 12 months after moving in: once.
  benefitPeriod: 'once',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2021-12-31',
  eligibility: [
    operating,
    condition(
      'in_incubator',
      '正在创业孵化基地入驻（租赁合同在有效期内）',
      gte(count(LEASES, incubatorLeaseNow, '孵化基地租赁合同数'), 1),
    ),
  ],
  amount: sum(
    LEASES,
    mul(add(item('monthlyRentFen'), item('monthlyServiceFeesFen')), INCUBATOR_WAIVER_MONTHS),
    incubatorLeaseNow,
    '减免费用合计（分）',
  ),
  capFen: yuan(30_000),
  budgetFen: yuan(1_000_000),
  materials: [
    { id: 'incubation_agreement', name: '入驻孵化基地协议', optional: false },
    { id: 'fee_bills', name: '场租、宽带、水暖电物业费账单', optional: true },
  ],
  reviewLevels: 1,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  ...GUIDE.industry,
  parameters: [
    {
      name: '减免月数',
      value: INCUBATOR_WAIVER_MONTHS,
      unit: '月',
      note: '种子文件未规定期限；县里按入驻首年12个月设定',
    },
    yuanParameter('单户减免上限', yuan(30_000), '县里设定，可调整'),
  ],
  source: {
    seed: SEED.gaotaiSixGuarantees,
    clause: '关于保居民就业工作方案 §四(四)20',
    quote:
      '推进创业孵化基地建设,积极为创业项目和入驻企业落实场租费、宽带费、水暖电物业费等费用减免',
  },
};
