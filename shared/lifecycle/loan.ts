/**
 * Startup guarantee loan (创业担保贷款, POLICIES C; 003 §四(四)19), DESIGN §4:
 *
 *   submitted → eligibility_review (人社) → guarantee_review (担保) → bank_lending → active → repaid | defaulted
 *
 * plus `rejected` (terminal, reason required), reachable from every step
 * before lending: the diagram shows only the happy path, but each review must
 * be able to say no. While `active`, the quarterly schedule records the 贴息
 * for the quarter once (`subsidiseQuarter`; amount from shared/loan-interest.ts),
 * or records why the quarter earns none (`refuseQuarter`).
 *
 * Issue 13 adds: the application's details, materials and 容缺; review levels for the
 * 人社 step; the guarantee fee bounded by the seed's caps and the counter-guarantee request;
 * the bank's contract (LPR + spread, schedule); bank references (each applied once), arrears,
 * deferral (延期还本付息) and the guarantee fund's compensation (代偿) after a default.
 * Four eyes: nobody decides two steps (or two levels) of the same loan.
 */
import type { Actor } from '../actor';
import { actorRef } from '../actor';
import { daysBetween, type Instant, type LocalDate } from '../calendar';
import { DomainError, invalidInput, wrongState } from '../errors';
import {
  deterministicId,
  type InterestRecordId,
  type LoanId,
  type PolicyId,
  type SubjectId,
  type UserId,
} from '../ids';
import {
  interestPeriod,
  quarter,
  quarterInterestSubsidy,
  type Quarter,
  type QuarterInterest,
  type RateRow,
} from '../loan-interest';
import {
  checkGuaranteeFee,
  monthsBetween,
  STARTUP_LOAN_TERMS,
  type FeeCapRule,
  type LoanIndustry,
  type LoanTerms,
} from '../loan-terms';
import { fen, type Fen } from '../money';
import {
  assertNever,
  requireText,
  type EventBase,
  type StatusChange,
  type Transition,
} from './common';
import { requireOwner, requireReviewer, requireSystem } from './guards';

import { LOAN_STATUS_LABELS, LOAN_STATUSES, type LoanStatus } from '../vocabulary/status';

// the statuses and their labels are one vocabulary (shared/vocabulary/status.ts)
export { LOAN_STATUSES, LOAN_STATUS_LABELS, type LoanStatus };

export const LOAN_TRANSITIONS: Readonly<Record<LoanStatus, readonly LoanStatus[]>> = {
  submitted: ['eligibility_review', 'rejected'],
  eligibility_review: ['guarantee_review', 'rejected'],
  guarantee_review: ['bank_lending', 'rejected'],
  bank_lending: ['active', 'rejected'],
  active: ['repaid', 'defaulted'],
  repaid: [],
  defaulted: [],
  rejected: [],
};

/** The three staff steps, each with its own department (role), queue and SLA. */
export type LoanStep = 'eligibility' | 'guarantee' | 'bank';
export const LOAN_STEP_OF: Partial<Record<LoanStatus, LoanStep>> = {
  submitted: 'eligibility',
  eligibility_review: 'eligibility',
  guarantee_review: 'guarantee',
  bank_lending: 'bank',
};
export const LOAN_STEP_DEPARTMENT = {
  eligibility: 'hrss',
  guarantee: 'guarantee',
  bank: 'bank',
} as const;
export const LOAN_STEP_LABELS: Record<LoanStep, string> = {
  eligibility: '人社局资格审核',
  guarantee: '担保公司审核',
  bank: '合作银行审批放款',
};

export type LoanDetails = {
  readonly termMonths: number;
  readonly purpose: string;
  readonly businessName: string;
  readonly industry: LoanIndustry;
};

/** As an application's material (shared/lifecycle/application.ts MaterialRef): key, and what storage confirmed. */
export type LoanMaterial = {
  readonly code: string;
  readonly uploadKey: string;
  readonly sizeBytes?: number;
  readonly sha256?: string;
  readonly contentType?: string;
};

export type LoanContract = {
  readonly contractNo: string;
  readonly lprBp: number;
  readonly spreadBp: number;
  /** = lprBp + spreadBp */
  readonly annualRateBp: number;
  readonly schedule: readonly { readonly dueOn: LocalDate; readonly principalFen: Fen }[];
};

export type LoanArrears = {
  readonly ref: string;
  readonly dueOn: LocalDate;
  readonly amountFen: Fen;
  readonly clearedOn?: LocalDate;
};

export type LoanDecisionRecord = {
  readonly step: LoanStep;
  readonly userId: UserId;
  readonly level: number;
  readonly at: Instant;
};

export type Loan = {
  readonly id: LoanId;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  /** Individual ceiling 200,000 yuan (raised from 150,000, 003 §四(四)19), from the policy. */
  readonly capFen: Fen;
  readonly requestedFen: Fen;
  readonly status: LoanStatus;
  readonly version: number;
  readonly submittedAt: Instant;
  /** when the current step began: its SLA counts from here */
  readonly stepSince?: Instant;
  readonly details?: LoanDetails;
  readonly materials?: readonly LoanMaterial[];
  /** 容缺: optional materials not yet given; the 人社 approval waits for them */
  readonly missingMaterials?: readonly string[];
  /** the rules' verdict on the key group when applying, frozen with the loan (shown on every step) */
  readonly explanation?: {
    readonly asOf: string;
    readonly conditions: readonly {
      readonly id: string;
      readonly label: string;
      readonly passed: boolean | null;
    }[];
  };
  /** the entitlement claim this loan holds (one open loan application per person) */
  readonly claimPeriod?: string;
  /** 人社 review levels (policy) and the level the review waits for */
  readonly reviewLevels?: 1 | 2;
  readonly reviewLevel?: 1 | 2;
  readonly decisions?: readonly LoanDecisionRecord[];
  readonly guaranteedFen?: Fen;
  readonly guaranteeFee?: {
    readonly feeRateBp: number;
    readonly capBp: number;
    readonly rule: FeeCapRule;
    readonly hardHit: boolean;
  };
  readonly counterGuarantee?: {
    readonly note: string;
    readonly requestedAt: Instant;
    readonly materials?: readonly LoanMaterial[];
    readonly providedAt?: Instant;
  };
  readonly principalFen?: Fen;
  readonly lentOn?: LocalDate;
  readonly maturityOn?: LocalDate;
  readonly contract?: LoanContract;
  readonly repayments: readonly {
    readonly on: LocalDate;
    readonly principalFen: Fen;
    readonly ref?: string;
  }[];
  /** bank references already applied: a reference is applied once */
  readonly bankRefs?: readonly string[];
  readonly arrears?: readonly LoanArrears[];
  readonly deferral?: { readonly untilOn: LocalDate; readonly grantedOn: LocalDate };
  readonly compensation?: { readonly amountFen: Fen; readonly on: LocalDate };
  /** Quarters whose 贴息 has been recorded: the once-per-quarter guard. */
  readonly subsidisedQuarters: readonly Quarter[];
  /** Quarters the policy refused 贴息 for, with the reason (also once per quarter). */
  readonly refusedQuarters?: readonly {
    readonly quarter: Quarter;
    readonly reason: string;
    readonly code: string;
  }[];
  readonly rejectionReason?: string;
  readonly endedOn?: LocalDate;
};

/** 贴息 record (one per loan per quarter); the payment for it is created from this. */
export type InterestSubsidy = QuarterInterest & {
  readonly id: InterestRecordId;
  readonly loanId: LoanId;
  readonly subjectId: SubjectId;
  readonly createdAt: Instant;
};

export type ReviewDecision =
  { readonly kind: 'approve' } | { readonly kind: 'reject'; readonly reason: string };

type Base = EventBase & { readonly loanId: LoanId };
type Change = Base & StatusChange<LoanStatus>;
export type LoanEvent =
  | (Change & {
      readonly type: 'LoanSubmitted';
      readonly requestedFen: Fen;
      readonly missingMaterials?: readonly string[];
    })
  | (Base & {
      readonly type: 'LoanSupplemented';
      readonly materials: readonly string[];
      readonly counterGuarantee: boolean;
    })
  | (Change & { readonly type: 'LoanReviewStarted' })
  | (Base & { readonly type: 'LoanEligibilityLevelApproved'; readonly level: number })
  | (Change & { readonly type: 'LoanEligibilityDecided'; readonly decision: ReviewDecision })
  | (Base & { readonly type: 'LoanCounterGuaranteeRequested'; readonly note: string })
  | (Change & {
      readonly type: 'LoanGuaranteeDecided';
      readonly decision: ReviewDecision;
      readonly guaranteedFen?: Fen;
      readonly feeRateBp?: number;
      readonly feeCapBp?: number;
      readonly feeCapRule?: FeeCapRule;
    })
  | (Change & {
      readonly type: 'LoanLent';
      readonly principalFen: Fen;
      readonly lentOn: LocalDate;
      readonly contractNo?: string;
      readonly annualRateBp?: number;
    })
  | (Change & { readonly type: 'LoanDeclinedByBank'; readonly reason: string })
  | (Base & {
      readonly type: 'LoanRepaymentRecorded';
      readonly on: LocalDate;
      readonly principalFen: Fen;
      readonly ref?: string;
    })
  | (Base & {
      readonly type: 'LoanArrearsReported';
      readonly ref: string;
      readonly dueOn: LocalDate;
      readonly amountFen: Fen;
    })
  | (Base & {
      readonly type: 'LoanArrearsCleared';
      readonly ref: string;
      readonly arrearsRef: string;
      readonly on: LocalDate;
    })
  | (Base & { readonly type: 'LoanDeferred'; readonly ref: string; readonly untilOn: LocalDate })
  | (Change & { readonly type: 'LoanRepaid'; readonly on: LocalDate })
  | (Change & {
      readonly type: 'LoanDefaulted';
      readonly on: LocalDate;
      readonly reason: string;
      readonly ref?: string;
    })
  | (Base & { readonly type: 'LoanCompensated'; readonly amountFen: Fen; readonly on: LocalDate })
  | (Base & {
      readonly type: 'InterestSubsidyRecorded';
      readonly quarter: Quarter;
      readonly recordId: InterestRecordId;
      readonly amountFen: Fen;
    })
  | (Base & {
      readonly type: 'InterestSubsidyRefused';
      readonly quarter: Quarter;
      readonly reason: string;
      readonly code: string;
    });

export type LoanEventType = LoanEvent['type'];
type LoanTransition = Transition<Loan, LoanEvent>;
type Draft = LoanEvent extends infer E
  ? E extends LoanEvent
    ? Omit<E, keyof Base>
    : never
  : never;

function emit(
  loan: Loan,
  by: Actor,
  now: Instant,
  patch: Partial<Loan>,
  drafts: Draft[],
): LoanTransition {
  const next: Loan = { ...loan, ...patch, version: loan.version + 1 };
  const base = { loanId: loan.id, by: actorRef(by), at: now, version: next.version };
  return { next, events: drafts.map((d) => ({ ...d, ...base })) };
}

function requireStatus(loan: Loan, allowed: readonly LoanStatus[], action: string): void {
  if (!allowed.includes(loan.status)) throw wrongState(LOAN_STATUS_LABELS[loan.status], action);
}

const overCap = (capFen: Fen, reason = 'OVER_CEILING') =>
  new DomainError('OVER_CAP', `贷款金额超过上限（${(capFen / 100).toLocaleString('en-US')}元）`, {
    capFen,
    reason,
  });

/** The bank's steps come from a bank officer in the app or from the bank's data feed. */
function requireBank(by: Actor): void {
  if (by.kind === 'system' && by.job === 'bank-feed') return;
  requireReviewer(by, 'bank');
}

/** Four eyes across steps and levels: whoever decided an earlier step or level may not decide this one. */
function requireFreshEyes(loan: Loan, by: Actor): void {
  if (by.kind !== 'reviewer') return;
  if ((loan.decisions ?? []).some((d) => d.userId === by.userId))
    throw new DomainError('FORBIDDEN', '同一笔贷款的不同环节须由不同人员审核（四眼原则）', {
      reason: 'FOUR_EYES',
    });
}

function decided(
  loan: Loan,
  step: LoanStep,
  by: Actor,
  now: Instant,
): readonly LoanDecisionRecord[] {
  if (by.kind !== 'reviewer') return loan.decisions ?? [];
  return [...(loan.decisions ?? []), { step, userId: by.userId, level: by.level, at: now }];
}

export type LoanApplicationInput = {
  readonly id: LoanId;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly capFen: Fen;
  readonly requestedFen: Fen;
  readonly details?: LoanDetails;
  readonly materials?: readonly LoanMaterial[];
  readonly missingMaterials?: readonly string[];
  readonly claimPeriod?: string;
  readonly reviewLevels?: 1 | 2;
  readonly maxTermMonths?: number;
  readonly explanation?: Loan['explanation'];
};

export function applyForLoan(input: LoanApplicationInput, by: Actor, now: Instant): LoanTransition {
  requireOwner(by, input.subjectId);
  const requestedFen = fen(input.requestedFen);
  if (requestedFen <= 0) throw invalidInput('贷款金额必须大于零', { reason: 'BAD_AMOUNT' });
  if (requestedFen > input.capFen) throw overCap(input.capFen);
  const { maxTermMonths, ...rest } = input;
  if (input.details) {
    const max = maxTermMonths ?? STARTUP_LOAN_TERMS.maxTermMonths;
    if (
      !Number.isInteger(input.details.termMonths) ||
      input.details.termMonths < 1 ||
      input.details.termMonths > max
    )
      throw invalidInput(`贷款期限须为1至${String(max)}个月`, {
        reason: 'BAD_TERM',
        maxTermMonths: max,
      });
  }
  const seed: Loan = {
    ...rest,
    requestedFen,
    status: 'submitted',
    version: 0,
    submittedAt: now,
    stepSince: now,
    reviewLevel: 1,
    repayments: [],
    subsidisedQuarters: [],
  };
  return emit(seed, by, now, {}, [
    {
      type: 'LoanSubmitted',
      from: null,
      to: 'submitted',
      requestedFen,
      ...(input.missingMaterials?.length ? { missingMaterials: input.missingMaterials } : {}),
    },
  ]);
}

/**
 * The applicant gives 容缺 materials, or the counter-guarantee material the guarantee company
 * asked for. Codes must be ones the loan is missing or the counter-guarantee.
 */
export function supplementLoan(
  loan: Loan,
  cmd: { readonly materials: readonly LoanMaterial[] },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireOwner(by, loan.subjectId);
  requireStatus(loan, ['submitted', 'eligibility_review', 'guarantee_review'], '补充材料');
  if (cmd.materials.length === 0)
    throw invalidInput('请至少提交一份材料', { reason: 'NO_MATERIALS' });
  const missing = loan.missingMaterials ?? [];
  const counterPending =
    loan.counterGuarantee !== undefined && loan.counterGuarantee.providedAt === undefined;
  const counter = cmd.materials.filter((m) => m.code === 'counter_guarantee');
  const others = cmd.materials.filter((m) => m.code !== 'counter_guarantee');
  const unexpected = others.filter((m) => !missing.includes(m.code)).map((m) => m.code);
  if (unexpected.length > 0 || (counter.length > 0 && !counterPending))
    throw invalidInput('这些材料无需补充', {
      reason: 'NOT_MISSING',
      unexpected: [
        ...unexpected,
        ...(counter.length > 0 && !counterPending ? ['counter_guarantee'] : []),
      ],
    });
  const given = others.map((m) => m.code);
  const patch: Partial<Loan> = {
    materials: [...(loan.materials ?? []), ...others],
    missingMaterials: missing.filter((c) => !given.includes(c)),
    ...(counter.length > 0 && loan.counterGuarantee
      ? { counterGuarantee: { ...loan.counterGuarantee, materials: counter, providedAt: now } }
      : {}),
  };
  return emit(loan, by, now, patch, [
    {
      type: 'LoanSupplemented',
      materials: cmd.materials.map((m) => m.code),
      counterGuarantee: counter.length > 0,
    },
  ]);
}

/** 人社局 level-1 reviewer takes the application. */
export function startEligibilityReview(loan: Loan, by: Actor, now: Instant): LoanTransition {
  requireReviewer(by, 'hrss', 1);
  requireStatus(loan, ['submitted'], '开始资格审核');
  return emit(loan, by, now, { status: 'eligibility_review', reviewLevel: 1 }, [
    { type: 'LoanReviewStarted', from: 'submitted', to: 'eligibility_review' },
  ]);
}

function rejected(reason: string): Partial<Loan> {
  return { status: 'rejected', rejectionReason: requireText(reason, '不通过理由') };
}

/**
 * 人社局: is the borrower in a key group (graduate, returning migrant worker, veteran…)?
 * From `submitted` the review starts and decides in one step. With two review levels a
 * level-1 approval hands the loan to level 2 (another person).
 */
export function decideEligibility(
  loan: Loan,
  decision: ReviewDecision,
  by: Actor,
  now: Instant,
): LoanTransition {
  requireStatus(loan, ['submitted', 'eligibility_review'], '资格审核');
  const level = loan.status === 'submitted' ? 1 : (loan.reviewLevel ?? 1);
  requireReviewer(by, 'hrss', level);
  requireFreshEyes(loan, by);
  const started: Draft[] =
    loan.status === 'submitted'
      ? [{ type: 'LoanReviewStarted', from: 'submitted', to: 'eligibility_review' }]
      : [];
  const decisions = decided(loan, 'eligibility', by, now);
  switch (decision.kind) {
    case 'approve': {
      if ((loan.missingMaterials ?? []).length > 0)
        throw new DomainError('WRONG_STATE', '容缺材料尚未补齐，暂不能通过资格审核', {
          reason: 'MATERIALS_MISSING',
          missing: loan.missingMaterials,
        });
      if (level < (loan.reviewLevels ?? 1))
        return emit(loan, by, now, { status: 'eligibility_review', reviewLevel: 2, decisions }, [
          ...started,
          { type: 'LoanEligibilityLevelApproved', level },
        ]);
      return emit(loan, by, now, { status: 'guarantee_review', stepSince: now, decisions }, [
        ...started,
        {
          type: 'LoanEligibilityDecided',
          from: 'eligibility_review',
          to: 'guarantee_review',
          decision,
        },
      ]);
    }
    case 'reject': {
      const patch = rejected(decision.reason);
      return emit(loan, by, now, { ...patch, decisions }, [
        ...started,
        {
          type: 'LoanEligibilityDecided',
          from: 'eligibility_review',
          to: 'rejected',
          decision: { kind: 'reject', reason: patch.rejectionReason ?? '' },
        },
      ]);
    }
    default:
      return assertNever(decision);
  }
}

export type GuaranteeDecision =
  | {
      readonly kind: 'approve';
      readonly guaranteedFen?: Fen;
      /** the fee rate in basis points; checked against the seed's caps */
      readonly feeRateBp?: number;
      readonly hardHit?: boolean;
    }
  | { readonly kind: 'counter_guarantee'; readonly note: string }
  | { readonly kind: 'reject'; readonly reason: string };

/** 担保公司 guarantees an amount up to the request and the cap, at a fee within the seed's caps. */
export function decideGuarantee(
  loan: Loan,
  decision: GuaranteeDecision,
  by: Actor,
  now: Instant,
  terms: LoanTerms = STARTUP_LOAN_TERMS,
): LoanTransition {
  requireReviewer(by, 'guarantee');
  requireStatus(loan, ['guarantee_review'], '担保审核');
  requireFreshEyes(loan, by);
  if (decision.kind === 'counter_guarantee') {
    const note = requireText(decision.note, '反担保材料要求');
    if (loan.counterGuarantee && loan.counterGuarantee.providedAt === undefined)
      throw new DomainError('WRONG_STATE', '已要求反担保材料，等待申请人提交', {
        reason: 'COUNTER_GUARANTEE_PENDING',
      });
    return emit(loan, by, now, { counterGuarantee: { note, requestedAt: now } }, [
      { type: 'LoanCounterGuaranteeRequested', note },
    ]);
  }
  const decisions = decided(loan, 'guarantee', by, now);
  if (decision.kind === 'reject') {
    const patch = rejected(decision.reason);
    return emit(loan, by, now, { ...patch, decisions }, [
      {
        type: 'LoanGuaranteeDecided',
        from: 'guarantee_review',
        to: 'rejected',
        decision: { kind: 'reject', reason: patch.rejectionReason ?? '' },
      },
    ]);
  }
  if (loan.counterGuarantee && loan.counterGuarantee.providedAt === undefined)
    throw new DomainError('WRONG_STATE', '反担保材料尚未提交，暂不能通过担保审核', {
      reason: 'COUNTER_GUARANTEE_PENDING',
    });
  const guaranteedFen = fen(decision.guaranteedFen ?? loan.requestedFen);
  if (guaranteedFen <= 0) throw invalidInput('担保金额必须大于零', { reason: 'BAD_AMOUNT' });
  if (guaranteedFen > loan.capFen || guaranteedFen > loan.requestedFen)
    throw overCap(Math.min(loan.capFen, loan.requestedFen) as Fen, 'OVER_REQUESTED');
  const fee =
    decision.feeRateBp === undefined
      ? undefined
      : (() => {
          const hardHit = decision.hardHit ?? false;
          const cap = checkGuaranteeFee(terms.guaranteeFee, {
            industry: loan.details?.industry ?? 'other',
            hardHit,
            feeRateBp: decision.feeRateBp,
          });
          return { feeRateBp: decision.feeRateBp, capBp: cap.capBp, rule: cap.rule, hardHit };
        })();
  return emit(
    loan,
    by,
    now,
    {
      status: 'bank_lending',
      guaranteedFen,
      stepSince: now,
      decisions,
      ...(fee ? { guaranteeFee: fee } : {}),
    },
    [
      {
        type: 'LoanGuaranteeDecided',
        from: 'guarantee_review',
        to: 'bank_lending',
        decision: { kind: 'approve' },
        guaranteedFen,
        ...(fee ? { feeRateBp: fee.feeRateBp, feeCapBp: fee.capBp, feeCapRule: fee.rule } : {}),
      },
    ],
  );
}

export type LendingOutcome =
  | {
      readonly kind: 'lent';
      readonly principalFen: Fen;
      readonly lentOn: LocalDate;
      readonly maturityOn: LocalDate;
      readonly contract?: LoanContract;
    }
  | { readonly kind: 'declined'; readonly reason: string };

/** The contract's own rules: rate = LPR + spread within the cap, schedule inside the term, summing to the principal. */
export function checkContract(
  c: LoanContract,
  o: { principalFen: Fen; lentOn: LocalDate; maturityOn: LocalDate },
  terms: LoanTerms,
): void {
  const bad = (message: string, reason: string, details: Record<string, unknown> = {}) =>
    invalidInput(message, { reason, ...details });
  for (const v of [c.lprBp, c.spreadBp, c.annualRateBp])
    if (!Number.isSafeInteger(v) || v < 0) throw bad('利率须为非负整数基点', 'BAD_RATE');
  if (c.annualRateBp !== c.lprBp + c.spreadBp)
    throw bad('合同年利率须等于LPR加点', 'RATE_NOT_LPR_PLUS_SPREAD', {
      expectedBp: c.lprBp + c.spreadBp,
    });
  if (c.spreadBp > terms.maxSpreadBp)
    throw new DomainError(
      'OVER_CAP',
      `贷款利率加点超过上限（LPR+${String(terms.maxSpreadBp)}BP）`,
      {
        reason: 'SPREAD_OVER_CAP',
        maxSpreadBp: terms.maxSpreadBp,
      },
    );
  if (monthsBetween(o.lentOn, o.maturityOn) > terms.maxTermMonths)
    throw bad(`贷款期限不能超过${String(terms.maxTermMonths)}个月`, 'TERM_TOO_LONG');
  if (c.schedule.length === 0) throw bad('请填写还款计划', 'NO_SCHEDULE');
  let sum = 0;
  let prev: LocalDate | undefined;
  for (const row of c.schedule) {
    if (row.dueOn <= o.lentOn || row.dueOn > o.maturityOn)
      throw bad('还款计划日期须在放款日之后、到期日之前', 'SCHEDULE_OUTSIDE_TERM', {
        dueOn: row.dueOn,
      });
    if (prev !== undefined && row.dueOn <= prev)
      throw bad('还款计划须按日期先后排列', 'SCHEDULE_ORDER');
    if (!Number.isSafeInteger(row.principalFen) || row.principalFen <= 0)
      throw bad('每期还款本金须大于零', 'SCHEDULE_AMOUNT');
    sum += row.principalFen;
    prev = row.dueOn;
  }
  if (sum !== o.principalFen)
    throw bad('还款计划本金合计须等于放款金额', 'SCHEDULE_SUM', {
      scheduledFen: sum,
      principalFen: o.principalFen,
    });
}

/** The bank lends (bank_lending → active) and records the contract, or declines. */
export function recordLending(
  loan: Loan,
  outcome: LendingOutcome,
  by: Actor,
  now: Instant,
  terms: LoanTerms = STARTUP_LOAN_TERMS,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['bank_lending'], '放款');
  requireFreshEyes(loan, by);
  const decisions = decided(loan, 'bank', by, now);
  switch (outcome.kind) {
    case 'lent': {
      const principalFen = fen(outcome.principalFen);
      const limit = loan.guaranteedFen ?? loan.requestedFen;
      if (principalFen <= 0) throw invalidInput('放款金额必须大于零', { reason: 'BAD_AMOUNT' });
      if (principalFen > limit) throw overCap(limit, 'OVER_GUARANTEED');
      if (outcome.maturityOn <= outcome.lentOn)
        throw invalidInput('到期日必须晚于放款日', { reason: 'MATURITY_BEFORE_START' });
      if (outcome.contract)
        checkContract(
          outcome.contract,
          { principalFen, lentOn: outcome.lentOn, maturityOn: outcome.maturityOn },
          terms,
        );
      return emit(
        loan,
        by,
        now,
        {
          status: 'active',
          principalFen,
          lentOn: outcome.lentOn,
          maturityOn: outcome.maturityOn,
          stepSince: now,
          decisions,
          ...(outcome.contract ? { contract: outcome.contract } : {}),
        },
        [
          {
            type: 'LoanLent',
            from: 'bank_lending',
            to: 'active',
            principalFen,
            lentOn: outcome.lentOn,
            ...(outcome.contract
              ? {
                  contractNo: outcome.contract.contractNo,
                  annualRateBp: outcome.contract.annualRateBp,
                }
              : {}),
          },
        ],
      );
    }
    case 'declined': {
      const patch = rejected(outcome.reason);
      return emit(loan, by, now, { ...patch, decisions }, [
        {
          type: 'LoanDeclinedByBank',
          from: 'bank_lending',
          to: 'rejected',
          reason: patch.rejectionReason ?? '',
        },
      ]);
    }
    default:
      return assertNever(outcome);
  }
}

export function outstandingFen(loan: Loan): Fen {
  return fen((loan.principalFen ?? 0) - loan.repayments.reduce((s, r) => s + r.principalFen, 0));
}

/** A bank reference is applied once: a second use is 409 DUPLICATE, and nothing changes. */
function requireNewRef(loan: Loan, ref: string | undefined): readonly string[] | undefined {
  if (ref === undefined) return loan.bankRefs;
  const r = requireText(ref, '银行流水号', 64);
  if ((loan.bankRefs ?? []).includes(r))
    throw new DomainError('DUPLICATE', `银行流水号${r}已登记，不重复记账`, {
      reason: 'BANK_REF_SEEN',
      ref: r,
    });
  return [...(loan.bankRefs ?? []), r];
}

/** A principal repayment; the last one closes the loan as repaid. */
export function recordRepayment(
  loan: Loan,
  cmd: { readonly on: LocalDate; readonly principalFen: Fen; readonly ref?: string },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '登记还款');
  const bankRefs = requireNewRef(loan, cmd.ref);
  const principalFen = fen(cmd.principalFen);
  const outstanding = outstandingFen(loan);
  if (principalFen <= 0 || principalFen > outstanding)
    throw invalidInput('还款本金必须大于零且不超过未还本金', {
      reason: 'BAD_REPAYMENT',
      outstandingFen: outstanding,
    });
  if (loan.lentOn !== undefined && cmd.on < loan.lentOn)
    throw invalidInput('还款日不能早于放款日', { reason: 'BEFORE_LENT' });
  const repayments = [
    ...loan.repayments,
    { on: cmd.on, principalFen, ...(cmd.ref !== undefined ? { ref: cmd.ref } : {}) },
  ];
  const recorded: Draft = {
    type: 'LoanRepaymentRecorded',
    on: cmd.on,
    principalFen,
    ...(cmd.ref !== undefined ? { ref: cmd.ref } : {}),
  };
  const refs = bankRefs ? { bankRefs } : {};
  if (principalFen < outstanding) return emit(loan, by, now, { repayments, ...refs }, [recorded]);
  // repaid: any open arrears end with the loan
  const arrears = (loan.arrears ?? []).map((a) => (a.clearedOn ? a : { ...a, clearedOn: cmd.on }));
  return emit(loan, by, now, { repayments, ...refs, arrears, status: 'repaid', endedOn: cmd.on }, [
    recorded,
    { type: 'LoanRepaid', from: 'active', to: 'repaid', on: cmd.on },
  ]);
}

/** The bank reports an instalment not paid on its due day (欠款). */
export function reportArrears(
  loan: Loan,
  cmd: { readonly ref: string; readonly dueOn: LocalDate; readonly amountFen: Fen },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '登记逾期');
  const bankRefs = requireNewRef(loan, cmd.ref);
  if (!Number.isSafeInteger(cmd.amountFen) || cmd.amountFen <= 0)
    throw invalidInput('逾期金额必须大于零', { reason: 'BAD_AMOUNT' });
  if (loan.lentOn !== undefined && cmd.dueOn <= loan.lentOn)
    throw invalidInput('应还日须晚于放款日', { reason: 'BEFORE_LENT' });
  if (loan.deferral && cmd.dueOn <= loan.deferral.untilOn)
    throw new DomainError('WRONG_STATE', `已延期还本付息至${loan.deferral.untilOn}，此前不计逾期`, {
      reason: 'DEFERRED',
    });
  const arrears: LoanArrears = { ref: cmd.ref, dueOn: cmd.dueOn, amountFen: fen(cmd.amountFen) };
  return emit(loan, by, now, { bankRefs, arrears: [...(loan.arrears ?? []), arrears] }, [
    { type: 'LoanArrearsReported', ref: cmd.ref, dueOn: cmd.dueOn, amountFen: arrears.amountFen },
  ]);
}

/** The arrears were paid (the principal part, if any, comes as a repayment of its own). */
export function clearArrears(
  loan: Loan,
  cmd: { readonly ref: string; readonly arrearsRef: string; readonly on: LocalDate },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '登记逾期结清');
  const bankRefs = requireNewRef(loan, cmd.ref);
  const open = (loan.arrears ?? []).find((a) => a.ref === cmd.arrearsRef && !a.clearedOn);
  if (!open)
    throw new DomainError('NOT_FOUND', '没有这笔未结清的逾期', { reason: 'ARREARS_NOT_FOUND' });
  if (cmd.on < open.dueOn) throw invalidInput('结清日不能早于应还日', { reason: 'BAD_DATE' });
  const arrears = (loan.arrears ?? []).map((a) => (a === open ? { ...a, clearedOn: cmd.on } : a));
  return emit(loan, by, now, { bankRefs, arrears }, [
    { type: 'LoanArrearsCleared', ref: cmd.ref, arrearsRef: cmd.arrearsRef, on: cmd.on },
  ]);
}

/** 延期还本付息: granted by the bank inside the policy's window, never beyond its latest day. */
export function deferLoan(
  loan: Loan,
  cmd: { readonly ref: string; readonly on: LocalDate; readonly untilOn: LocalDate },
  by: Actor,
  now: Instant,
  terms: LoanTerms = STARTUP_LOAN_TERMS,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '延期还本付息');
  const bankRefs = requireNewRef(loan, cmd.ref);
  const w = terms.deferral;
  if (cmd.on < w.grantFrom || cmd.on > w.grantTo)
    throw new DomainError('WRONG_STATE', `延期还本付息只能在${w.grantFrom}至${w.grantTo}之间办理`, {
      reason: 'OUTSIDE_DEFERRAL_WINDOW',
    });
  if (cmd.untilOn <= cmd.on || cmd.untilOn > w.latestUntilOn)
    throw new DomainError('OVER_CAP', `延期最晚至${w.latestUntilOn}`, {
      reason: 'DEFERRAL_TOO_LONG',
      latestUntilOn: w.latestUntilOn,
    });
  return emit(loan, by, now, { bankRefs, deferral: { untilOn: cmd.untilOn, grantedOn: cmd.on } }, [
    { type: 'LoanDeferred', ref: cmd.ref, untilOn: cmd.untilOn },
  ]);
}

export function markDefaulted(
  loan: Loan,
  cmd: { readonly on: LocalDate; readonly reason: string; readonly ref?: string },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '登记违约');
  const bankRefs = requireNewRef(loan, cmd.ref);
  const reason = requireText(cmd.reason, '违约说明');
  return emit(
    loan,
    by,
    now,
    { status: 'defaulted', endedOn: cmd.on, ...(bankRefs ? { bankRefs } : {}) },
    [
      {
        type: 'LoanDefaulted',
        from: 'active',
        to: 'defaulted',
        on: cmd.on,
        reason,
        ...(cmd.ref !== undefined ? { ref: cmd.ref } : {}),
      },
    ],
  );
}

/** 代偿: the guarantee fund pays the bank for a defaulted loan, at most its outstanding principal, once. */
export function recordCompensation(
  loan: Loan,
  cmd: { readonly amountFen: Fen; readonly on: LocalDate },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireReviewer(by, 'guarantee');
  requireStatus(loan, ['defaulted'], '登记代偿');
  if (loan.compensation)
    throw new DomainError('DUPLICATE', '该笔贷款的代偿已登记', { reason: 'ALREADY_COMPENSATED' });
  const outstanding = outstandingFen(loan);
  if (!Number.isSafeInteger(cmd.amountFen) || cmd.amountFen <= 0 || cmd.amountFen > outstanding)
    throw invalidInput('代偿金额须大于零且不超过未还本金', {
      reason: 'BAD_COMPENSATION',
      outstandingFen: outstanding,
    });
  if (loan.endedOn !== undefined && cmd.on < loan.endedOn)
    throw invalidInput('代偿日不能早于违约日', { reason: 'BAD_DATE' });
  const amountFen = fen(cmd.amountFen);
  return emit(loan, by, now, { compensation: { amountFen, on: cmd.on } }, [
    { type: 'LoanCompensated', amountFen, on: cmd.on },
  ]);
}

export function interestRecordIdFor(loanId: LoanId, qtr: Quarter): InterestRecordId {
  return deterministicId('interest', loanId, qtr);
}

/** A quarter is decided once: recorded (paid) or refused. */
export function quarterDecided(loan: Loan, qtr: Quarter): boolean {
  return (
    loan.subsidisedQuarters.includes(qtr) ||
    (loan.refusedQuarters ?? []).some((r) => r.quarter === qtr)
  );
}

/** The most days any arrears stood unpaid inside the quarter's interest period. */
export function overdueDaysIn(loan: Loan, qtr: Quarter): number {
  const { fromOn, toOn } = interestPeriod(qtr);
  let worst = 0;
  for (const a of loan.arrears ?? []) {
    const end = a.clearedOn !== undefined && a.clearedOn < toOn ? a.clearedOn : toOn;
    if (end < fromOn || a.dueOn > toOn) continue;
    worst = Math.max(worst, daysBetween(a.dueOn, end));
  }
  return worst;
}

/** The contract rate as the subsidised rate table (share of the interest finance pays, bp). */
export function contractRates(loan: Loan, shareBp: number): readonly RateRow[] | undefined {
  if (!loan.contract || !loan.lentOn) return undefined;
  return [
    {
      effectiveOn: loan.lentOn,
      rateBp: Math.floor((loan.contract.annualRateBp * shareBp) / 10_000),
      source: `合同${loan.contract.contractNo}年利率×贴息比例`,
    },
  ];
}

/**
 * The quarterly 贴息 (POLICIES C: "auto, on schedule, per quarter"): computes
 * the quarter's amount and records the quarter on the loan, once. The record
 * id is derived from (loan, quarter), so a rerun collides in storage too.
 * A loan repaid during the period still gets the days it was outstanding.
 */
export function subsidiseQuarter(
  loan: Loan,
  cmd: { readonly quarter: Quarter; readonly rates: readonly RateRow[] },
  by: Actor,
  now: Instant,
): LoanTransition & { readonly record: InterestSubsidy } {
  requireSystem(by);
  requireStatus(loan, ['active', 'repaid'], '贴息');
  if (quarterDecided(loan, cmd.quarter)) {
    throw new DomainError('DUPLICATE', `${cmd.quarter}的贴息已记录`, {
      reason: 'QUARTER_RECORDED',
      quarter: cmd.quarter,
    });
  }
  if (loan.principalFen === undefined || loan.lentOn === undefined)
    throw new DomainError('WRONG_STATE', '贷款尚未放款', { reason: 'NOT_LENT' });
  const interest = quarterInterestSubsidy(
    { lentOn: loan.lentOn, principalFen: loan.principalFen, repayments: loan.repayments },
    cmd.quarter,
    cmd.rates,
  );
  if (interest.days === 0)
    throw new DomainError('WRONG_STATE', `${cmd.quarter}贴息期内没有未还本金`, {
      reason: 'NO_PRINCIPAL_OUTSTANDING',
      quarter: cmd.quarter,
    });
  const record: InterestSubsidy = {
    ...interest,
    id: interestRecordIdFor(loan.id, cmd.quarter),
    loanId: loan.id,
    subjectId: loan.subjectId,
    createdAt: now,
  };
  const t = emit(loan, by, now, { subsidisedQuarters: [...loan.subsidisedQuarters, cmd.quarter] }, [
    {
      type: 'InterestSubsidyRecorded',
      quarter: cmd.quarter,
      recordId: record.id,
      amountFen: record.amountFen,
    },
  ]);
  return { ...t, record };
}

/** The policy says no for this quarter (overdue, outside the window…): recorded once, with the reason. */
export function refuseQuarter(
  loan: Loan,
  cmd: { readonly quarter: Quarter; readonly reason: string; readonly code: string },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireSystem(by);
  requireStatus(loan, ['active', 'repaid', 'defaulted'], '贴息');
  if (quarterDecided(loan, cmd.quarter))
    throw new DomainError('DUPLICATE', `${cmd.quarter}的贴息已处理`, { quarter: cmd.quarter });
  const refusal = { quarter: cmd.quarter, reason: cmd.reason, code: cmd.code };
  return emit(loan, by, now, { refusedQuarters: [...(loan.refusedQuarters ?? []), refusal] }, [
    { type: 'InterestSubsidyRefused', ...refusal },
  ]);
}

/**
 * The quarter in whose 贴息 period a day falls: the day after a 结息日 belongs to the next
 * quarter (2020-09-21 → 2020-Q4). A loan repaid on that day is settled with that quarter.
 */
export function interestQuarterOf(d: LocalDate): Quarter {
  const y = Number(d.slice(0, 4));
  for (const q of [1, 2, 3, 4] as const) {
    const qtr = quarter(y, q);
    const { fromOn, toOn } = interestPeriod(qtr);
    if (d >= fromOn && d <= toOn) return qtr;
  }
  return quarter(y + 1, 1);
}

/** Still on the 贴息 work list: active, or repaid and its last quarter not decided yet. */
export function awaitsInterest(loan: Loan): boolean {
  if (loan.status === 'active') return true;
  if (loan.status !== 'repaid' || loan.endedOn === undefined) return false;
  return !quarterDecided(loan, interestQuarterOf(loan.endedOn));
}
