/**
 * Startup guaranteed loans (issue 13): /v1/loans and the bank feed.
 *
 *   POST /v1/loans                      applicant   apply (amount ≤ ceiling, term, purpose, business, account, materials)
 *   GET  /v1/loans                      applicant (own) · hrss / guarantee / bank reviewer (the step's queue, SLA) · admin, auditor (all)
 *   GET  /v1/loans/{id}                 the borrower, the three steps' staff, admin, auditor
 *   POST /v1/loans/{id}/supplement      applicant   容缺 materials, the counter-guarantee material
 *   POST /v1/loans/{id}/eligibility     hrss reviewer (level as configured)   approve / reject
 *   POST /v1/loans/{id}/guarantee       guarantee staff   approve (fee rate ≤ cap) / counter_guarantee / reject
 *   POST /v1/loans/{id}/lending         bank staff  approve (contract) / refuse
 *   POST /v1/loans/{id}/bank-events     bank staff  repayment / arrears / arrears_cleared / deferral / default (per bank reference, once)
 *   POST /v1/loans/{id}/compensation    guarantee staff   代偿 after a default
 *   POST /v1/bank/loan-feed             bank staff or admin   the bank's feed: many events, each applied once
 *   GET  /v1/admin/loan-stats           admin, auditor
 *
 * Refusals: 400 INVALID_INPUT (reason BAD_TERM, MATURITY_BEFORE_START, RATE_NOT_LPR_PLUS_SPREAD,
 * SCHEDULE_*, BAD_REPAYMENT …); 403 FORBIDDEN (NOT_YOUR_QUEUE, WRONG_LEVEL, FOUR_EYES); 404 NOT_FOUND;
 * 409 WRONG_STATE / DUPLICATE (BANK_REF_SEEN, OPEN_LOAN, ALREADY_CLAIMED); 422 OVER_CAP (OVER_CEILING
 * naming capFen, FEE_OVER_CAP naming capBp and rule, SPREAD_OVER_CAP, DEFERRAL_TOO_LONG), NOT_ELIGIBLE
 * with the explanation, ACCOUNT_REQUIRED.
 */
import { z } from 'zod';
import { idSchema } from '../ids';
import { AccountChoice, MaterialRef } from './application';
import { IsoDate } from '../facts/dates';
import { LOAN_INDUSTRIES } from '../loan-terms';
import { LOAN_STATUSES } from '../lifecycle/loan';

const LoanId = idSchema('loan');
const Money = z
  .number()
  .int('金额必须是整数（分）')
  .positive('金额必须大于零')
  .max(Number.MAX_SAFE_INTEGER);
const Bp = z.number().int('利率或费率须为整数基点').min(0).max(10_000);
const Text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max);
const BankRef = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{4,64}$/, '银行流水号为 4–64 位字母数字');

export const ApplyLoanBody = z
  .object({
    policyId: z.literal('startup-loan').default('startup-loan'),
    requestedFen: Money,
    termMonths: z.number().int().min(1).max(120),
    purpose: Text(200, '贷款用途'),
    business: z
      .object({ name: Text(100, '经营项目名称'), industry: z.enum(LOAN_INDUSTRIES) })
      .strict(),
    repaymentAccount: AccountChoice,
    materials: z
      .array(MaterialRef)
      .max(20)
      .refine((ms) => new Set(ms.map((m) => m.materialId)).size === ms.length, {
        error: '同一材料不能提交两次',
      }),
  })
  .strict();
export type ApplyLoanBody = z.output<typeof ApplyLoanBody>;

export const LoanPath = z.object({ id: LoanId });
export type LoanPath = z.infer<typeof LoanPath>;

export const LoanListQuery = z.object({ status: z.enum(LOAN_STATUSES).optional() }).strict();
export type LoanListQuery = z.output<typeof LoanListQuery>;

export const LoanSupplementBody = z
  .object({ materials: z.array(MaterialRef).min(1).max(20) })
  .strict();
export type LoanSupplementBody = z.output<typeof LoanSupplementBody>;

export const EligibilityBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }).strict(),
  z.object({ decision: z.literal('reject'), reason: Text(500, '不通过理由') }).strict(),
]);
export type EligibilityBody = z.output<typeof EligibilityBody>;

export const GuaranteeBody = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      feeRateBp: Bp,
      guaranteedFen: Money.optional(),
      /** 受疫情影响严重: the standard rate less 0.5 points */
      hardHit: z.boolean().default(false),
    })
    .strict(),
  z
    .object({ decision: z.literal('counter_guarantee'), note: Text(500, '反担保材料要求') })
    .strict(),
  z.object({ decision: z.literal('reject'), reason: Text(500, '不通过理由') }).strict(),
]);
export type GuaranteeBody = z.output<typeof GuaranteeBody>;

export const LendingBody = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      contractNo: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{4,40}$/, '合同编号为 4–40 位字母数字'),
      principalFen: Money,
      lprBp: Bp,
      spreadBp: Bp,
      annualRateBp: Bp,
      startOn: IsoDate,
      maturityOn: IsoDate,
      schedule: z
        .array(z.object({ dueOn: IsoDate, principalFen: Money }).strict())
        .min(1)
        .max(120),
      /** where 贴息 is paid when the policy pays the bank: the bank's settlement account */
      bankAccount: z
        .object({
          accountName: Text(100, '户名'),
          bankName: Text(100, '开户行'),
          accountNumber: z
            .string()
            .trim()
            .regex(/^[0-9 ]{8,40}$/, '账号为 8–30 位数字'),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ decision: z.literal('refuse'), reason: Text(500, '不予放款理由') }).strict(),
]);
export type LendingBody = z.output<typeof LendingBody>;

const EVENT_SHAPES = {
  repayment: { kind: z.literal('repayment'), ref: BankRef, on: IsoDate, principalFen: Money },
  arrears: { kind: z.literal('arrears'), ref: BankRef, dueOn: IsoDate, amountFen: Money },
  arrears_cleared: {
    kind: z.literal('arrears_cleared'),
    ref: BankRef,
    arrearsRef: BankRef,
    on: IsoDate,
  },
  deferral: { kind: z.literal('deferral'), ref: BankRef, on: IsoDate, untilOn: IsoDate },
  default: { kind: z.literal('default'), ref: BankRef, on: IsoDate, reason: Text(500, '违约说明') },
} as const;

export const BankEvent = z.discriminatedUnion('kind', [
  z.object(EVENT_SHAPES.repayment).strict(),
  z.object(EVENT_SHAPES.arrears).strict(),
  z.object(EVENT_SHAPES.arrears_cleared).strict(),
  z.object(EVENT_SHAPES.deferral).strict(),
  z.object(EVENT_SHAPES.default).strict(),
]);
export type BankEvent = z.output<typeof BankEvent>;

const FeedLine = z.discriminatedUnion('kind', [
  z.object({ loanId: LoanId, ...EVENT_SHAPES.repayment }).strict(),
  z.object({ loanId: LoanId, ...EVENT_SHAPES.arrears }).strict(),
  z.object({ loanId: LoanId, ...EVENT_SHAPES.arrears_cleared }).strict(),
  z.object({ loanId: LoanId, ...EVENT_SHAPES.deferral }).strict(),
  z.object({ loanId: LoanId, ...EVENT_SHAPES.default }).strict(),
]);
export type BankFeedLine = z.output<typeof FeedLine>;

/** The bank's feed: up to 500 events; each line is applied once per bank reference. */
export const BankFeedBody = z.object({ events: z.array(FeedLine).min(1).max(500) }).strict();
export type BankFeedBody = z.output<typeof BankFeedBody>;

export const CompensationBody = z.object({ amountFen: Money, on: IsoDate }).strict();
export type CompensationBody = z.output<typeof CompensationBody>;

// ---- answers -------------------------------------------------------------------------------
// Loose objects: the client keeps every field the server sends; the fields named here are the
// ones a caller may rely on (the OpenAPI document lists them).

const Nullable = <T extends z.ZodType>(t: T) => t.nullable();
const Fen = z.number().int();

/** A loan in a list: its step, amounts and dates. */
export const LoanSummaryView = z.looseObject({
  id: z.string(),
  policyId: z.string(),
  status: z.enum(LOAN_STATUSES),
  statusLabel: z.string(),
  step: Nullable(z.string()),
  stepLabel: Nullable(z.string()),
  reviewLevel: Nullable(z.number().int()),
  submittedAt: z.string(),
  requestedFen: Fen,
  capFen: Fen,
  sla: Nullable(z.looseObject({ step: z.string() })),
  guaranteedFen: Nullable(Fen),
  principalFen: Nullable(Fen),
  outstandingFen: Nullable(Fen),
  lentOn: Nullable(z.string()),
  maturityOn: Nullable(z.string()),
  rejectionReason: Nullable(z.string()),
});

/** One loan whole: details, materials, guarantee fee, contract, repayments, 贴息 and timeline. */
export const LoanDetailView = LoanSummaryView.extend({
  borrower: Nullable(z.object({ name: z.string(), idMasked: z.string() })),
  details: Nullable(z.looseObject({ termMonths: z.number().int(), purpose: z.string() })),
  materials: z.array(
    z.object({
      materialId: z.string(),
      name: z.string(),
      optional: z.boolean(),
      provided: z.boolean(),
    }),
  ),
  missingMaterials: z.array(z.object({ materialId: z.string(), name: z.string() })),
  explanation: Nullable(z.looseObject({ asOf: z.string() })),
  guaranteeFee: Nullable(z.looseObject({ ruleLabel: z.string() })),
  counterGuarantee: Nullable(
    z.object({ note: z.string(), requestedAt: z.string(), providedAt: Nullable(z.string()) }),
  ),
  contract: Nullable(z.looseObject({ contractNo: z.string(), annualRateBp: z.number().int() })),
  repayments: z.array(z.looseObject({ on: z.string(), principalFen: Fen })).readonly(),
  arrears: z.array(z.looseObject({ ref: z.string() })).readonly(),
  deferral: Nullable(z.looseObject({})),
  compensation: Nullable(z.looseObject({ amountFen: Fen })),
  repaymentAccount: Nullable(z.looseObject({})),
  interest: z.array(
    z.object({ quarter: z.string(), amountFen: Fen, days: z.number().int(), status: z.string() }),
  ),
  refusedQuarters: z.array(z.looseObject({})).readonly(),
  timeline: z.array(
    z.object({ type: z.string(), at: z.string(), who: z.string(), text: z.string() }),
  ),
});

export const LoanList = z.object({ items: z.array(LoanSummaryView) });

/** The bank feed's answer: one outcome per line, and their tally. */
export const BankFeedResult = z.object({
  results: z.array(
    z.object({
      ref: z.string(),
      loanId: z.string(),
      outcome: z.enum(['applied', 'duplicate', 'refused']),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
  tally: z.record(z.string(), z.number().int()),
});

/** Loans by stage, amounts lent, 贴息 per quarter, overdue and default rates, exposure. */
export const LoanStatsView = z.object({
  asOf: z.string(),
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  lentCount: z.number().int(),
  lentFen: Fen,
  activeCount: z.number().int(),
  overdueCount: z.number().int(),
  overdueRateBp: z.number().int(),
  defaultCount: z.number().int(),
  defaultRateBp: z.number().int(),
  guaranteeExposureFen: Fen,
  compensatedFen: Fen,
  interestByQuarter: z.array(
    z.object({
      quarter: z.string(),
      recordedFen: Fen,
      paidFen: Fen,
      count: z.number().int(),
    }),
  ),
});
