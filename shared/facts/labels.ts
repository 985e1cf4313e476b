/**
 * Chinese words for the facts the rules read (issue #15, needed by #17): one label table per
 * fact enum, typed against the source schemas (shared/facts/sources.ts) so a new enum value
 * without a label fails to compile, and the name of every scalar field a condition shows.
 * `factValuesText` turns a condition's values into "营业状态：正常经营" — never a code.
 */
import { z } from 'zod';
import { formatFen, type Fen } from '../money';
import type {
  Industry,
  Lease,
  Loan as LoanSchema,
  MarketRegistryValues,
  SocialInsuranceValues,
  TaxValues,
  AwardCode,
  EmploymentRegistryValues,
} from './sources';

type Market = z.infer<typeof MarketRegistryValues>;
type Insured = Extract<z.infer<typeof SocialInsuranceValues>, { role: 'insured_person' }>;
type Tax = z.infer<typeof TaxValues>;
type Loan = z.infer<typeof LoanSchema>;
type PersonEmployment = Extract<z.infer<typeof EmploymentRegistryValues>, { role: 'person' }>;
type Labels<V extends string | null> = Readonly<Record<NonNullable<V>, string>>;

export const INDUSTRY_LABELS: Labels<Industry> = {
  manufacturing: '制造业',
  agriculture: '农业',
  construction: '建筑业',
  wholesale_retail: '批发零售',
  catering: '餐饮',
  lodging: '住宿',
  transport: '交通运输',
  culture_tourism: '文化旅游',
  hr_services: '人力资源服务',
  technology: '科技服务',
  other_services: '其他服务业',
};
export const MARKET_SUBJECT_KIND_LABELS: Labels<Market['kind']> = {
  enterprise: '企业',
  individual_business: '个体工商户',
  cooperative: '农民专业合作社',
  family_farm: '家庭农场',
  poverty_workshop: '扶贫车间',
};
export const ENTERPRISE_SIZE_LABELS: Labels<Market['size']> = {
  micro: '微型企业',
  small: '小型企业',
  medium: '中型企业',
  large: '大型企业',
};
export const RETAIL_FORMAT_LABELS: Labels<Market['retailFormat']> = {
  large_supermarket: '大型超市',
  convenience_chain: '连锁便利店',
  other: '其他业态',
};
export const BUSINESS_STATUS_LABELS: Labels<Market['status']> = {
  operating: '正常经营',
  suspended: '停业',
  deregistered: '已注销',
};
export const EMPLOYMENT_LABELS: Labels<Insured['employment']> = {
  employed: '在职参保',
  flexible: '灵活就业',
  unemployed: '失业',
};
export const TAXPAYER_KIND_LABELS: Labels<Tax['taxpayerKind']> = {
  general: '一般纳税人',
  small_scale: '小规模纳税人',
};
export const CREDIT_RATING_LABELS: Labels<Tax['creditRating']> = {
  A: 'A级',
  B: 'B级',
  M: 'M级',
  C: 'C级',
  D: 'D级',
};
export const LANDLORD_KIND_LABELS: Labels<Lease['landlordKind']> = {
  state: '国有',
  public_institution: '行政事业单位',
  private: '非国有',
};
export const PREMISES_LABELS: Labels<Lease['premises']> = {
  ordinary: '普通经营场所',
  incubator_base: '创业孵化基地',
};
export const AWARD_LABELS: Labels<z.infer<typeof AwardCode>> = {
  production_target: '投产达效',
  tech_upgrade: '技改扩规',
  entered_above_scale: '进规入库',
  high_tech: '高新技术企业',
  sci_tech_sme: '科技型中小企业',
  specialised_sme: '专精特新',
  supply_guarantee: '防疫保供企业',
  other: '其他奖项',
};
export const LOAN_KIND_LABELS: Labels<Loan['kind']> = {
  startup_guarantee: '创业担保贷款',
  poverty_micro: '扶贫小额信贷',
  other: '其他贷款',
};
export const LOAN_REGISTRY_STATUS_LABELS: Labels<Loan['status']> = {
  active: '还款中',
  repaid: '已结清',
  overdue: '逾期',
  defaulted: '违约',
};
export const TRANSFER_DESTINATION_LABELS: Labels<PersonEmployment['transferDestination']> = {
  in_province: '省内',
  out_of_province: '省外',
};

/** Which kind of record a feed holds on the subject (the `role` of a shared feed). */
export const INSURANCE_ROLE_LABELS: Labels<z.infer<typeof SocialInsuranceValues>['role']> = {
  employer: '用人单位参保',
  insured_person: '个人参保',
};
export const EMPLOYMENT_ROLE_LABELS: Labels<z.infer<typeof EmploymentRegistryValues>['role']> = {
  person: '个人就业创业登记',
  agency: '劳务机构输转登记',
};

/** The enum label table of each fact path that holds an enum value. */
export const FACT_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'social_insurance.role': INSURANCE_ROLE_LABELS,
  'employment_registry.role': EMPLOYMENT_ROLE_LABELS,
  'market_registry.kind': MARKET_SUBJECT_KIND_LABELS,
  'market_registry.size': ENTERPRISE_SIZE_LABELS,
  'market_registry.industry': INDUSTRY_LABELS,
  'market_registry.retailFormat': RETAIL_FORMAT_LABELS,
  'market_registry.status': BUSINESS_STATUS_LABELS,
  'social_insurance.employment': EMPLOYMENT_LABELS,
  'tax.taxpayerKind': TAXPAYER_KIND_LABELS,
  'tax.creditRating': CREDIT_RATING_LABELS,
  'lease_registry.leases.landlordKind': LANDLORD_KIND_LABELS,
  'lease_registry.leases.premises': PREMISES_LABELS,
  'award_list.awards.code': AWARD_LABELS,
  'loan_registry.loans.kind': LOAN_KIND_LABELS,
  'loan_registry.loans.status': LOAN_REGISTRY_STATUS_LABELS,
  'employment_registry.transferDestination': TRANSFER_DESTINATION_LABELS,
};

/** What each scalar fact a condition may show is called. */
export const FACT_FIELD_LABELS: Readonly<Record<string, string>> = {
  asOf: '判断日期',
  'market_registry.name': '名称',
  'market_registry.kind': '市场主体类型',
  'market_registry.size': '企业规模',
  'market_registry.industry': '所属行业',
  'market_registry.retailFormat': '零售业态',
  'market_registry.aboveQuota': '限额以上批发零售企业',
  'market_registry.aboveScale': '规模以上工业企业',
  'market_registry.registeredOn': '登记日期',
  'market_registry.county': '所在县区',
  'market_registry.status': '营业状态',
  'social_insurance.role': '参保类型',
  'employment_registry.role': '登记类型',
  'social_insurance.contributionYear': '缴费年度',
  'social_insurance.unemploymentInsurancePaidFen': '上年度缴纳失业保险费',
  'social_insurance.headcountAtYearStart': '年初参保职工人数',
  'social_insurance.layoffsInYear': '年度裁员人数',
  'social_insurance.employment': '就业状态',
  'social_insurance.consecutiveMonths': '连续缴费月数',
  'social_insurance.employedSince': '就业起始日期',
  'social_insurance.flexibleInsurancePaidFen': '灵活就业缴费金额',
  'tax.taxpayerKind': '纳税人类型',
  'tax.creditRating': '纳税信用等级',
  'tax.taxYear': '纳税年度',
  'tax.revenueFen': '营业收入',
  'tax.taxPaidFen': '纳税额',
  'poverty_registry.registeredPoor': '建档立卡贫困人口',
  'poverty_registry.marginal': '边缘户',
  'employment_registry.graduateOn': '离校日期',
  'employment_registry.employmentDifficulty': '就业困难人员',
  'employment_registry.returningMigrant': '返乡创业农民工',
  'employment_registry.veteran': '退役军人',
  'employment_registry.firstBusinessStartedOn': '首次创业日期',
  'employment_registry.businessMonthsOperating': '经营月数',
  'employment_registry.businessOperatingNormally': '正常经营',
  'employment_registry.transferredOrganised': '有组织输转',
  'employment_registry.transferDestination': '输转去向',
  'employment_registry.transferredOn': '输转日期',
};

const HAN = /[\u4e00-\u9fff]/;

/** One fact value in words: an enum's label, 是/否, 无, an amount in yuan, months, a rate in %. */
export function factValueText(path: string, value: unknown): string {
  if (value === null || value === undefined) return '无';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (/Fen$/.test(path)) return formatFen(value as Fen, 'suffix');
    if (/Bp$/.test(path)) return `${String(value / 100)}%`;
    if (/Months$|MonthsOperating$/.test(path)) return `${String(value)}个月`;
    return String(value);
  }
  if (typeof value === 'string') return FACT_VALUE_LABELS[path]?.[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => factValueText(path, v)).join('、');
  return '';
}

/**
 * A condition's values as people read them: "营业状态：正常经营，企业规模：微型企业". A value
 * whose name is unknown (and not already Chinese, like an aggregate's name) is shown alone.
 */
export function factValuesText(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .map(([path, value]) => {
      const text = factValueText(path, value);
      if (text === '') return '';
      const name = FACT_FIELD_LABELS[path] ?? (HAN.test(path) ? path : undefined);
      return name ? `${name}：${text}` : text;
    })
    .filter((s) => s !== '')
    .join('，');
}
