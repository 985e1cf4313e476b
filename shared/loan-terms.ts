/**
 * The startup loan's named parameters (POLICIES C and E; seed 003), kept beside the policy
 * documents `startup-loan` / `startup-loan-interest` so the pure loan lifecycle can check
 * against them, and listed in the policies' `parameters` so people see them. Pure.
 *
 * Sources:
 * - ceiling ¥200,000: 003 保居民就业 §四(四)19 ("由15万元提高至20万元");
 * - guarantee fee (担保费率): 003 保市场主体 §四(二)8 — hard-hit SMEs −0.5 percentage points,
 *   living-service firms ≤ 1.5 %, epidemic-control firms ≤ 1 %; the county guarantee company's
 *   standard rate (the base the −0.5 applies to) is a county setting;
 * - deferral (延期还本付息) "再延长至明年3月底": 003 保市场主体 §四(二)6(1);
 * - rate LPR + spread, term ≤ 3 years: 财金〔2020〕21号, which 003 §四(四)19 implements
 *   (western regions: LPR + 250 BP at most).
 */
import type { LocalDate } from './calendar';
import { localDate } from './calendar';
import { DomainError } from './errors';
import { fen, yuan, type Fen } from './money';

/** What the borrower's business does, as far as the fee caps care (POLICIES E). */
export const LOAN_INDUSTRIES = [
  'catering',
  'lodging',
  'retail',
  'wholesale',
  'ecommerce',
  'processing',
  'living_service',
  'epidemic_control',
  'agriculture',
  'other',
] as const;
export type LoanIndustry = (typeof LOAN_INDUSTRIES)[number];

export const LOAN_INDUSTRY_LABELS: Record<LoanIndustry, string> = {
  catering: '餐饮',
  lodging: '住宿',
  retail: '零售',
  wholesale: '批发',
  ecommerce: '电子商务',
  processing: '加工',
  living_service: '生活服务保障',
  epidemic_control: '疫情防控相关',
  agriculture: '种养殖',
  other: '其他',
};

/** Who receives the quarter's 贴息: the cooperating bank (the usual practice) or the borrower. */
export type InterestPayee = 'bank' | 'borrower';

export type GuaranteeFeeCaps = {
  /** the county guarantee company's standard rate, the base of the −0.5 points */
  readonly standardCapBp: number;
  readonly hardHitReductionBp: number;
  readonly livingServiceCapBp: number;
  readonly epidemicControlCapBp: number;
};

export type LoanTerms = {
  readonly ceilingFen: Fen;
  readonly maxTermMonths: number;
  /** SLA of each step, in working days (DESIGN §2: the reviewer sees a countdown) */
  readonly slaWorkingDays: {
    readonly eligibility: number;
    readonly guarantee: number;
    readonly bank: number;
  };
  readonly guaranteeFee: GuaranteeFeeCaps;
  /** the contract rate is LPR + spread, the spread at most this */
  readonly maxSpreadBp: number;
  /** 延期还本付息: granted between these days, never beyond `latestUntilOn` */
  readonly deferral: {
    readonly grantFrom: LocalDate;
    readonly grantTo: LocalDate;
    readonly latestUntilOn: LocalDate;
  };
  /** a quarter with arrears older than this many days earns no 贴息 */
  readonly overdueNoSubsidyDays: number;
  readonly interestPayee: InterestPayee;
  /** share of the contract interest finance pays, in basis points of the interest */
  readonly interestShareBp: number;
};

export const STARTUP_LOAN_TERMS: LoanTerms = {
  ceilingFen: yuan(200_000),
  maxTermMonths: 36,
  slaWorkingDays: { eligibility: 5, guarantee: 5, bank: 5 },
  guaranteeFee: {
    standardCapBp: 200,
    hardHitReductionBp: 50,
    livingServiceCapBp: 150,
    epidemicControlCapBp: 100,
  },
  maxSpreadBp: 250,
  deferral: {
    grantFrom: localDate('2020-01-01'),
    grantTo: localDate('2021-03-31'),
    latestUntilOn: localDate('2021-03-31'),
  },
  overdueNoSubsidyDays: 30,
  interestPayee: 'bank',
  interestShareBp: 10_000,
};

export type FeeCapRule = 'standard' | 'hard_hit' | 'living_service' | 'epidemic_control';

export const FEE_CAP_RULE_LABELS: Record<FeeCapRule, string> = {
  standard: '担保公司标准费率上限',
  hard_hit: '受疫情影响严重的中小微企业：综合费率降低0.5个百分点',
  living_service: '提供生活服务保障的企业：担保费率1.5%以下',
  epidemic_control: '疫情防控相关企业：担保费率1%以下',
};

export type FeeCap = {
  readonly capBp: number;
  readonly rule: FeeCapRule;
  readonly label: string;
};

/**
 * The guarantee-fee cap that applies: the lowest of the caps the borrower's case meets
 * (seed 003 保市场主体 §四(二)8). A hard-hit borrower pays the standard rate less 0.5 points.
 */
export function guaranteeFeeCap(
  caps: GuaranteeFeeCaps,
  c: { readonly industry: LoanIndustry; readonly hardHit: boolean },
): FeeCap {
  const candidates: { capBp: number; rule: FeeCapRule }[] = [
    c.hardHit
      ? { capBp: caps.standardCapBp - caps.hardHitReductionBp, rule: 'hard_hit' }
      : { capBp: caps.standardCapBp, rule: 'standard' },
  ];
  if (c.industry === 'living_service')
    candidates.push({ capBp: caps.livingServiceCapBp, rule: 'living_service' });
  if (c.industry === 'epidemic_control')
    candidates.push({ capBp: caps.epidemicControlCapBp, rule: 'epidemic_control' });
  const best = candidates.reduce((a, b) => (b.capBp < a.capBp ? b : a));
  return { ...best, label: FEE_CAP_RULE_LABELS[best.rule] };
}

/** Refuses a fee rate above the cap that applies (422 OVER_CAP naming the cap and its rule). */
export function checkGuaranteeFee(
  caps: GuaranteeFeeCaps,
  c: { readonly industry: LoanIndustry; readonly hardHit: boolean; readonly feeRateBp: number },
): FeeCap {
  if (!Number.isSafeInteger(c.feeRateBp) || c.feeRateBp < 0)
    throw new DomainError('INVALID_INPUT', '担保费率须为非负整数基点', {
      reason: 'BAD_FEE_RATE',
    });
  const cap = guaranteeFeeCap(caps, c);
  if (c.feeRateBp > cap.capBp)
    throw new DomainError('OVER_CAP', `担保费率超过上限（${cap.label}，${bpText(cap.capBp)}）`, {
      reason: 'FEE_OVER_CAP',
      capBp: cap.capBp,
      rule: cap.rule,
    });
  return cap;
}

/** 150 → "1.50%" */
export function bpText(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

/** The months between two dates, counted as the contract counts them (same day next month = 1). */
export function monthsBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return (yb - ya) * 12 + (mb - ma) + (db > da ? 1 : 0);
}

/**
 * The loan figures that are dated studio parameters (shared/policies/data/parameters.json), as the
 * subsidy amounts are: the ceiling, the guarantee-fee caps, the spread cap and the overdue
 * threshold. A county changes one from a date in the studio; the loan steps read the value in
 * force on the day they act.
 */
export const LOAN_TERM_PARAMS = {
  ceilingFen: 'startup-loan.ceiling',
  standardCapBp: 'startup-loan.guarantee-fee-standard-cap',
  hardHitReductionBp: 'startup-loan.guarantee-fee-hard-hit-reduction',
  livingServiceCapBp: 'startup-loan.guarantee-fee-living-service-cap',
  epidemicControlCapBp: 'startup-loan.guarantee-fee-epidemic-control-cap',
  maxSpreadBp: 'startup-loan.spread-cap',
  overdueNoSubsidyDays: 'startup-loan.overdue-no-subsidy-days',
} as const;

/** The value in force on `asOf` (values ordered by `from`), as the rules engine reads `{op:'param'}`. */
function valueOn(
  params: ReadonlyMap<string, readonly { readonly from: string; readonly value: number }[]>,
  name: string,
  asOf: string,
): number | undefined {
  let found: number | undefined;
  for (const v of params.get(name) ?? []) {
    if (v.from > asOf) break;
    found = v.value;
  }
  return found;
}

/**
 * The loan terms on `asOf` from the catalogue's parameter values; a figure with no parameter (or
 * none in force yet) keeps `base` (STARTUP_LOAN_TERMS, the seeds' figures). Pure.
 */
export function loanTermsOn(
  params: ReadonlyMap<string, readonly { readonly from: string; readonly value: number }[]>,
  asOf: string,
  base: LoanTerms = STARTUP_LOAN_TERMS,
): LoanTerms {
  const v = (name: string, fallback: number) => valueOn(params, name, asOf) ?? fallback;
  const P = LOAN_TERM_PARAMS;
  const fee = base.guaranteeFee;
  return {
    ...base,
    ceilingFen: fen(v(P.ceilingFen, base.ceilingFen)),
    guaranteeFee: {
      standardCapBp: v(P.standardCapBp, fee.standardCapBp),
      hardHitReductionBp: v(P.hardHitReductionBp, fee.hardHitReductionBp),
      livingServiceCapBp: v(P.livingServiceCapBp, fee.livingServiceCapBp),
      epidemicControlCapBp: v(P.epidemicControlCapBp, fee.epidemicControlCapBp),
    },
    maxSpreadBp: v(P.maxSpreadBp, base.maxSpreadBp),
    overdueNoSubsidyDays: v(P.overdueNoSubsidyDays, base.overdueNoSubsidyDays),
  };
}
