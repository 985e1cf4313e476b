/**
 * What each government data feed tells us about a subject (enterprise or person).
 *
 * One schema per source. Field names are the paths rules use
 * (`social_insurance.unemploymentInsurancePaidFen`, `lease_registry.leases`), so renaming a
 * field here is a breaking change for the catalogue — `shared/policies` compiles every
 * policy against these schemas in its tests and refuses unknown paths.
 *
 * Conventions: money is integer fen (`…Fen`), local dates are ISO (`…On`), and `null` means
 * "the registry knows there is none" (no graduation date, no transfer) — unlike an absent
 * field, which means "not known" and is reported as a missing fact.
 */
import { z } from 'zod';
import { IsoDate } from './dates';

const Count = z.number().int().nonnegative();
const FenAmount = z.number().int().nonnegative();

export const FACT_SOURCES = [
  'market_registry',
  'social_insurance',
  'tax',
  'lease_registry',
  'poverty_registry',
  'award_list',
  'loan_registry',
  'employment_registry',
] as const;
export const FactSource = z.enum(FACT_SOURCES);
export type FactSource = z.infer<typeof FactSource>;

/** Chinese names of the feeds, for "请补充：社保参保数据" in the app. */
export const SOURCE_LABELS: Record<FactSource, string> = {
  market_registry: '市场主体登记信息（市场监管局）',
  social_insurance: '社会保险参保缴费信息（人社局）',
  tax: '纳税信息（税务局）',
  lease_registry: '房屋租赁备案信息',
  poverty_registry: '建档立卡贫困人口信息（扶贫办）',
  award_list: '奖补名单（财政局、工信局、科技局等）',
  loan_registry: '创业担保贷款信息（担保基金、合作银行）',
  employment_registry: '就业创业登记信息（人社局）',
};

// ── market_registry 市场主体登记 ──────────────────────────────────────────────

/** Service vs. industry matters for rent waivers ("服务业小微企业"), manufacturing for 惠企奖补. */
export const Industry = z.enum([
  'manufacturing',
  'agriculture',
  'construction',
  'wholesale_retail',
  'catering',
  'lodging',
  'transport',
  'culture_tourism',
  'hr_services', // 人力资源服务、劳务中介
  'technology',
  'other_services',
]);
export type Industry = z.infer<typeof Industry>;

/** The service-sector industries, used by "服务业小微企业和个体工商户" rent waivers. */
export const SERVICE_INDUSTRIES: readonly Industry[] = [
  'wholesale_retail',
  'catering',
  'lodging',
  'transport',
  'culture_tourism',
  'hr_services',
  'technology',
  'other_services',
];

export const MarketRegistryValues = z.object({
  name: z.string().min(1),
  /** 企业 / 个体工商户 / 合作社 / 家庭农场 / 扶贫车间 — the producers 003 §四(二)7 names. */
  kind: z.enum([
    'enterprise',
    'individual_business',
    'cooperative',
    'family_farm',
    'poverty_workshop',
  ]),
  /** 大中小微 classification (工信部联企业〔2011〕300号). */
  size: z.enum(['micro', 'small', 'medium', 'large']),
  industry: Industry,
  /** 大型超市 / 连锁便利店 — 003 §四(一)3 rewards these by format, not by size. */
  retailFormat: z.enum(['large_supermarket', 'convenience_chain', 'other']).nullable(),
  /** 限额以上批发零售企业. */
  aboveQuota: z.boolean(),
  /** 规模以上工业企业 (规上). */
  aboveScale: z.boolean(),
  registeredOn: IsoDate,
  /** 6-digit administrative division code, e.g. 620724 高台县. */
  county: z.string().regex(/^\d{6}$/),
  status: z.enum(['operating', 'suspended', 'deregistered']),
});

// ── social_insurance 社保 ────────────────────────────────────────────────────

/** One insured worker as the employer's account shows them. */
export const Employee = z.object({
  personId: z.string().min(1),
  /** 本县劳动力: household registration in this county (joined from 户籍). */
  local: z.boolean(),
  /** 建档立卡贫困劳动力 (joined from poverty_registry). */
  registeredPoor: z.boolean(),
  hiredOn: IsoDate,
  /** "稳定就业N个月" = N consecutive months of contributions at this employer (POLICIES.md). */
  consecutiveMonths: Count,
  /** Employer-run training (嵌入式培训) finished on this date; 003 §四(五)23. */
  trainedOn: IsoDate.nullable(),
});
export type Employee = z.infer<typeof Employee>;

const EmployerInsurance = z.object({
  role: z.literal('employer'),
  employees: z.array(Employee),
  /** The year the four figures below describe ("上年度"). */
  contributionYear: z.number().int().min(2000).max(2100),
  /** 企业及其职工上年度缴纳失业保险费 — the base of 稳岗返还. */
  unemploymentInsurancePaidFen: FenAmount,
  headcountAtYearStart: Count,
  layoffsInYear: Count,
});

const InsuredPerson = z.object({
  role: z.literal('insured_person'),
  employment: z.enum(['employed', 'flexible', 'unemployed']),
  /** Consecutive contribution months in the current job ("稳定就业连续满N个月"). */
  consecutiveMonths: Count,
  employedSince: IsoDate.nullable(),
  /** The year `flexibleInsurancePaidFen` describes. */
  contributionYear: z.number().int().min(2000).max(2100),
  /** Own contributions paid as a flexible worker (灵活就业人员) that year. */
  flexibleInsurancePaidFen: FenAmount,
});

/** An employer's account and a person's own record share the feed, told apart by `role`. */
export const SocialInsuranceValues = z.discriminatedUnion('role', [
  EmployerInsurance,
  InsuredPerson,
]);

// ── tax 税务 ─────────────────────────────────────────────────────────────────

export const TaxValues = z.object({
  taxpayerKind: z.enum(['general', 'small_scale']),
  /** 纳税信用等级 A/B/M/C/D. */
  creditRating: z.enum(['A', 'B', 'M', 'C', 'D']),
  taxYear: z.number().int().min(2000).max(2100),
  revenueFen: FenAmount,
  taxPaidFen: FenAmount,
});

// ── lease_registry 房屋租赁 ──────────────────────────────────────────────────

export const Lease = z.object({
  leaseId: z.string().min(1),
  /** 国有 (incl. 国有资产管理公司) / 行政事业单位 / 非国有. */
  landlordKind: z.enum(['state', 'public_institution', 'private']),
  /** 创业孵化基地 leases carry 003 §四(四)20 fee waivers. */
  premises: z.enum(['ordinary', 'incubator_base']),
  monthlyRentFen: FenAmount,
  /** 宽带、水暖电、物业 per month, billed by an incubator base. */
  monthlyServiceFeesFen: FenAmount,
  startOn: IsoDate,
  endOn: IsoDate,
});
export type Lease = z.infer<typeof Lease>;

export const LeaseRegistryValues = z.object({ leases: z.array(Lease) });

// ── poverty_registry 建档立卡 ────────────────────────────────────────────────

export const PovertyRegistryValues = z.object({
  /** 建档立卡贫困人口. */
  registeredPoor: z.boolean(),
  /** 边缘户 (marginal household), covered by 003 §四(三)11 together with the poor. */
  marginal: z.boolean(),
  householdId: z.string().nullable(),
});

// ── award_list 奖补名单 ──────────────────────────────────────────────────────

/** 002 lists "投产达效、技改扩规、进规入库、高新技术企业等30多个奖项"; the rest fall under `other`. */
export const AwardCode = z.enum([
  'production_target', // 投产达效
  'tech_upgrade', // 技改扩规
  'entered_above_scale', // 进规入库
  'high_tech', // 高新技术企业
  'sci_tech_sme', // 科技型中小企业
  'specialised_sme', // 专精特新
  'supply_guarantee', // 防疫保供企业 designation (商务局), 003 §四(一)3
  'other',
]);

export const Award = z.object({
  code: AwardCode,
  year: z.number().int().min(2000).max(2100),
  /** The department that publishes the list fixes each award's amount. */
  amountFen: FenAmount,
  listedOn: IsoDate,
});

export const AwardListValues = z.object({ awards: z.array(Award) });

// ── loan_registry 创业担保贷款 ───────────────────────────────────────────────

export const Loan = z.object({
  loanId: z.string().min(1),
  kind: z.enum(['startup_guarantee', 'poverty_micro', 'other']),
  principalFen: FenAmount,
  outstandingFen: FenAmount,
  /** Contract rate in basis points per year (LPR + spread). */
  annualRateBp: Count,
  status: z.enum(['active', 'repaid', 'overdue', 'defaulted']),
  /** Every instalment so far was paid on time — the condition for 贴息. */
  repaidOnTime: z.boolean(),
  startOn: IsoDate,
  maturityOn: IsoDate,
});

export const LoanRegistryValues = z.object({ loans: z.array(Loan) });

// ── employment_registry 就业创业登记 ─────────────────────────────────────────

const PersonEmployment = z.object({
  role: z.literal('person'),
  /** 离校 date of a college graduate; null for non-graduates. */
  graduateOn: IsoDate.nullable(),
  /** 就业困难人员 as recognised by the HR bureau. */
  employmentDifficulty: z.boolean(),
  /** 返乡下乡创业的农民工. */
  returningMigrant: z.boolean(),
  veteran: z.boolean(),
  /** 首次创业 start date (营业执照); null if the person never started a business. */
  firstBusinessStartedOn: IsoDate.nullable(),
  businessMonthsOperating: Count.nullable(),
  /** 正常经营: the business files and pays, is not suspended or abnormal. */
  businessOperatingNormally: z.boolean().nullable(),
  /** 有组织输转 by the county (劳务输转). */
  transferredOrganised: z.boolean(),
  transferDestination: z.enum(['in_province', 'out_of_province']).nullable(),
  transferredOn: IsoDate.nullable(),
});

/** A labour agency's organised placements (有组织输转), 003 §四(三)11. */
export const Placement = z.object({
  personId: z.string().min(1),
  registeredPoor: z.boolean(),
  placedOn: IsoDate,
  contractMonths: Count,
  /** Months of the contract actually performed (实际履行). */
  monthsPerformed: Count,
});

const AgencyPlacements = z.object({
  role: z.literal('agency'),
  placements: z.array(Placement),
});

export const EmploymentRegistryValues = z.discriminatedUnion('role', [
  PersonEmployment,
  AgencyPlacements,
]);

/** The values schema of each source; `Fact` and the rule type-checker are built from this. */
export const VALUES_BY_SOURCE = {
  market_registry: MarketRegistryValues,
  social_insurance: SocialInsuranceValues,
  tax: TaxValues,
  lease_registry: LeaseRegistryValues,
  poverty_registry: PovertyRegistryValues,
  award_list: AwardListValues,
  loan_registry: LoanRegistryValues,
  employment_registry: EmploymentRegistryValues,
} as const satisfies Record<FactSource, z.ZodType>;

export type ValuesOf<S extends FactSource> = z.infer<(typeof VALUES_BY_SOURCE)[S]>;
