/**
 * Pieces the catalogue shares: seed file names, the county's offices (申兑指南), the
 * "疫情防控期间" window, and the eligibility tests several policies repeat.
 */
import { and, condition, eq, fact, oneOf, or } from '../rules/build';
import type { Condition } from '../rules/ast';
import type { DepartmentCode, PolicyParameter } from './types';

export const SEED = {
  /** 2020 某县财政局疫情防控斗争专项总结. */
  countyFinance2020: '000_11e6e2acd639451d.txt',
  /** 天门市财政局 2023 上半年工作总结 (within a bundle of 2023 reports). */
  tianmenFinance2023: '002_f550d9f3db1fed6b.txt',
  /** 高台县"六保"工作方案 (2020-08-12). */
  gaotaiSixGuarantees: '003_c3feb7f8fe63172f.txt',
} as const;

/**
 * "疫情防控期间": the seed does not date it. The county fixes it as calendar 2020, the year
 * POLICIES.md gives for these measures; a later notice would publish a new policy version.
 */
export const EPIDEMIC_FROM = '2020-01-01';
export const EPIDEMIC_TO = '2020-12-31';

/**
 * 2020 measures that pay for N months of stable employment can only be proven up to 12
 * months after a December 2020 hire, so claims stay open through 2021.
 */
export const CLAIMS_2020_CLOSE = '2021-12-31';

export const epidemicPeriodParameter: PolicyParameter = {
  name: '疫情防控期间',
  value: `${EPIDEMIC_FROM} 至 ${EPIDEMIC_TO}`,
  unit: '日期',
  note: '种子文件未写明起止日期，县里按2020年全年执行',
};

export const claimsWindowParameter: PolicyParameter = {
  name: '受理截止',
  value: CLAIMS_2020_CLOSE,
  unit: '日期',
  note: '2020年12月的新增人员须到2021年12月才能证明稳定就业满1年，故受理至2021年底',
};

/**
 * 申兑指南 (003 保居民就业 §五(四): 公布服务机构及联系方式、监督投诉电话).
 * Demo numbers in 高台县's 0936 area; 12333 and 12345 are the national hotlines.
 */
export const GUIDE: Record<
  DepartmentCode,
  { office: string; phone: string; complaintPhone: string }
> = {
  hrss: {
    office: '高台县政务服务中心二楼 人社局就业服务窗口',
    phone: '0936-6621001',
    complaintPhone: '12333',
  },
  finance: {
    office: '高台县政务服务中心三楼 财政局惠企资金窗口',
    phone: '0936-6621002',
    complaintPhone: '12345',
  },
  commerce: { office: '高台县商务局 流通业发展股', phone: '0936-6621003', complaintPhone: '12345' },
  sci_tech: { office: '高台县科技局 科技服务股', phone: '0936-6621004', complaintPhone: '12345' },
  industry: {
    office: '高台县工信局 中小企业服务中心',
    phone: '0936-6621005',
    complaintPhone: '12345',
  },
  housing: { office: '高台县住建局 房屋管理股', phone: '0936-6621006', complaintPhone: '12345' },
};

/** Money goes to a registered, operating market entity: a deregistered one has no account to pay. */
export const operating: Condition = condition(
  'operating',
  '市场主体登记状态为存续（正常经营）',
  eq(fact('market_registry.status'), 'operating'),
);

/** 中小微企业: enterprises (not individual businesses) below "large". */
export const smallMediumMicroEnterprise: Condition = condition(
  'sme',
  '属于中小微企业',
  and(
    eq(fact('market_registry.kind'), 'enterprise'),
    oneOf(fact('market_registry.size'), ['micro', 'small', 'medium']),
  ),
);

/** 小微企业和个体工商户 (rent waivers). */
export const smallMicroOrIndividual: Condition = condition(
  'small_micro',
  '属于小微企业或个体工商户',
  or(
    eq(fact('market_registry.kind'), 'individual_business'),
    oneOf(fact('market_registry.size'), ['micro', 'small']),
  ),
);

/** 建档立卡贫困户和边缘户 (003 §四(三)11). */
export const poorOrMarginal: Condition = condition(
  'poor_or_marginal',
  '属于建档立卡贫困劳动力或边缘户劳动力',
  or(
    eq(fact('poverty_registry.registeredPoor'), true),
    eq(fact('poverty_registry.marginal'), true),
  ),
);

export const yuanParameter = (name: string, fenValue: number, note: string): PolicyParameter => ({
  name,
  value: fenValue,
  unit: '分',
  note,
});
