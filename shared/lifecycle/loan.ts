/**
 * Startup guarantee loan (创业担保贷款, POLICIES C; 003 §四(四)19), DESIGN §4:
 *
 *   submitted → eligibility_review (人社) → guarantee_review (担保) → bank_lending → active → repaid | defaulted
 *
 * plus `rejected` (terminal, reason required), reachable from every step
 * before lending: the diagram shows only the happy path, but each review must
 * be able to say no. While `active`, the quarterly schedule records the 贴息
 * for the quarter once (`subsidiseQuarter`; amount from shared/loan-interest.ts).
 */
import type { Actor } from '../actor';
import { actorRef } from '../actor';
import type { Instant, LocalDate } from '../calendar';
import { DomainError, invalidInput, wrongState } from '../errors';
import {
  deterministicId,
  type InterestRecordId,
  type LoanId,
  type PolicyId,
  type SubjectId,
} from '../ids';
import {
  quarterInterestSubsidy,
  type Quarter,
  type QuarterInterest,
  type RateRow,
} from '../loan-interest';
import { fen, type Fen } from '../money';
import {
  assertNever,
  requireText,
  type EventBase,
  type StatusChange,
  type Transition,
} from './common';
import { requireOwner, requireReviewer, requireSystem } from './guards';

export const LOAN_STATUSES = [
  'submitted',
  'eligibility_review',
  'guarantee_review',
  'bank_lending',
  'active',
  'repaid',
  'defaulted',
  'rejected',
] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

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

export const LOAN_STATUS_LABELS: Record<LoanStatus, string> = {
  submitted: '已提交',
  eligibility_review: '人社资格审核中',
  guarantee_review: '担保审核中',
  bank_lending: '银行放款审核中',
  active: '还款中',
  repaid: '已结清',
  defaulted: '已逾期违约',
  rejected: '未通过',
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
  readonly guaranteedFen?: Fen;
  readonly principalFen?: Fen;
  readonly lentOn?: LocalDate;
  readonly maturityOn?: LocalDate;
  readonly repayments: readonly { readonly on: LocalDate; readonly principalFen: Fen }[];
  /** Quarters whose 贴息 has been recorded: the once-per-quarter guard. */
  readonly subsidisedQuarters: readonly Quarter[];
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
  | (Change & { readonly type: 'LoanSubmitted'; readonly requestedFen: Fen })
  | (Change & { readonly type: 'LoanReviewStarted' })
  | (Change & { readonly type: 'LoanEligibilityDecided'; readonly decision: ReviewDecision })
  | (Change & {
      readonly type: 'LoanGuaranteeDecided';
      readonly decision: ReviewDecision;
      readonly guaranteedFen?: Fen;
    })
  | (Change & { readonly type: 'LoanLent'; readonly principalFen: Fen; readonly lentOn: LocalDate })
  | (Change & { readonly type: 'LoanDeclinedByBank'; readonly reason: string })
  | (Base & {
      readonly type: 'LoanRepaymentRecorded';
      readonly on: LocalDate;
      readonly principalFen: Fen;
    })
  | (Change & { readonly type: 'LoanRepaid'; readonly on: LocalDate })
  | (Change & { readonly type: 'LoanDefaulted'; readonly on: LocalDate; readonly reason: string })
  | (Base & {
      readonly type: 'InterestSubsidyRecorded';
      readonly quarter: Quarter;
      readonly recordId: InterestRecordId;
      readonly amountFen: Fen;
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

const overCap = (capFen: Fen) => new DomainError('OVER_CAP', '贷款金额超过上限', { capFen });

/** The bank's steps come from a bank officer in the app or from the bank's data feed. */
function requireBank(by: Actor): void {
  if (by.kind === 'system' && by.job === 'bank-feed') return;
  requireReviewer(by, 'bank');
}

export type LoanApplicationInput = {
  readonly id: LoanId;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly capFen: Fen;
  readonly requestedFen: Fen;
};

export function applyForLoan(input: LoanApplicationInput, by: Actor, now: Instant): LoanTransition {
  requireOwner(by, input.subjectId);
  const requestedFen = fen(input.requestedFen);
  if (requestedFen <= 0) throw invalidInput('贷款金额必须大于零');
  if (requestedFen > input.capFen) throw overCap(input.capFen);
  const seed: Loan = {
    ...input,
    requestedFen,
    status: 'submitted',
    version: 0,
    submittedAt: now,
    repayments: [],
    subsidisedQuarters: [],
  };
  return emit(seed, by, now, {}, [
    { type: 'LoanSubmitted', from: null, to: 'submitted', requestedFen },
  ]);
}

/** 人社局 level-1 reviewer takes the application. */
export function startEligibilityReview(loan: Loan, by: Actor, now: Instant): LoanTransition {
  requireReviewer(by, 'hrss', 1);
  requireStatus(loan, ['submitted'], '开始资格审核');
  return emit(loan, by, now, { status: 'eligibility_review' }, [
    { type: 'LoanReviewStarted', from: 'submitted', to: 'eligibility_review' },
  ]);
}

function rejected(reason: string): Partial<Loan> {
  return { status: 'rejected', rejectionReason: requireText(reason, '不通过理由') };
}

/** 人社局: is the borrower in a key group (graduate, returning migrant worker, veteran…)? */
export function decideEligibility(
  loan: Loan,
  decision: ReviewDecision,
  by: Actor,
  now: Instant,
): LoanTransition {
  requireReviewer(by, 'hrss');
  requireStatus(loan, ['eligibility_review'], '资格审核');
  switch (decision.kind) {
    case 'approve':
      return emit(loan, by, now, { status: 'guarantee_review' }, [
        {
          type: 'LoanEligibilityDecided',
          from: 'eligibility_review',
          to: 'guarantee_review',
          decision,
        },
      ]);
    case 'reject': {
      const patch = rejected(decision.reason);
      return emit(loan, by, now, patch, [
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

/** 担保公司 guarantees an amount up to the request and the cap. */
export function decideGuarantee(
  loan: Loan,
  decision: ReviewDecision & { readonly guaranteedFen?: Fen },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireReviewer(by, 'guarantee');
  requireStatus(loan, ['guarantee_review'], '担保审核');
  if (decision.kind === 'reject') {
    const patch = rejected(decision.reason);
    return emit(loan, by, now, patch, [
      {
        type: 'LoanGuaranteeDecided',
        from: 'guarantee_review',
        to: 'rejected',
        decision: { kind: 'reject', reason: patch.rejectionReason ?? '' },
      },
    ]);
  }
  const guaranteedFen = fen(decision.guaranteedFen ?? loan.requestedFen);
  if (guaranteedFen <= 0) throw invalidInput('担保金额必须大于零');
  if (guaranteedFen > loan.capFen || guaranteedFen > loan.requestedFen)
    throw overCap(Math.min(loan.capFen, loan.requestedFen) as Fen);
  return emit(loan, by, now, { status: 'bank_lending', guaranteedFen }, [
    {
      type: 'LoanGuaranteeDecided',
      from: 'guarantee_review',
      to: 'bank_lending',
      decision: { kind: 'approve' },
      guaranteedFen,
    },
  ]);
}

export type LendingOutcome =
  | {
      readonly kind: 'lent';
      readonly principalFen: Fen;
      readonly lentOn: LocalDate;
      readonly maturityOn: LocalDate;
    }
  | { readonly kind: 'declined'; readonly reason: string };

/** The bank lends (bank_lending → active) or declines. */
export function recordLending(
  loan: Loan,
  outcome: LendingOutcome,
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['bank_lending'], '放款');
  switch (outcome.kind) {
    case 'lent': {
      const principalFen = fen(outcome.principalFen);
      const limit = loan.guaranteedFen ?? loan.requestedFen;
      if (principalFen <= 0) throw invalidInput('放款金额必须大于零');
      if (principalFen > limit) throw overCap(limit);
      if (outcome.maturityOn <= outcome.lentOn) throw invalidInput('到期日必须晚于放款日');
      return emit(
        loan,
        by,
        now,
        { status: 'active', principalFen, lentOn: outcome.lentOn, maturityOn: outcome.maturityOn },
        [
          {
            type: 'LoanLent',
            from: 'bank_lending',
            to: 'active',
            principalFen,
            lentOn: outcome.lentOn,
          },
        ],
      );
    }
    case 'declined': {
      const patch = rejected(outcome.reason);
      return emit(loan, by, now, patch, [
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

/** A principal repayment; the last one closes the loan as repaid. */
export function recordRepayment(
  loan: Loan,
  cmd: { readonly on: LocalDate; readonly principalFen: Fen },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '登记还款');
  const principalFen = fen(cmd.principalFen);
  const outstanding = outstandingFen(loan);
  if (principalFen <= 0 || principalFen > outstanding)
    throw invalidInput('还款本金必须大于零且不超过未还本金', { outstandingFen: outstanding });
  if (loan.lentOn !== undefined && cmd.on < loan.lentOn) throw invalidInput('还款日不能早于放款日');
  const repayments = [...loan.repayments, { on: cmd.on, principalFen }];
  const recorded: Draft = { type: 'LoanRepaymentRecorded', on: cmd.on, principalFen };
  if (principalFen < outstanding) return emit(loan, by, now, { repayments }, [recorded]);
  return emit(loan, by, now, { repayments, status: 'repaid', endedOn: cmd.on }, [
    recorded,
    { type: 'LoanRepaid', from: 'active', to: 'repaid', on: cmd.on },
  ]);
}

export function markDefaulted(
  loan: Loan,
  cmd: { readonly on: LocalDate; readonly reason: string },
  by: Actor,
  now: Instant,
): LoanTransition {
  requireBank(by);
  requireStatus(loan, ['active'], '登记违约');
  const reason = requireText(cmd.reason, '违约说明');
  return emit(loan, by, now, { status: 'defaulted', endedOn: cmd.on }, [
    { type: 'LoanDefaulted', from: 'active', to: 'defaulted', on: cmd.on, reason },
  ]);
}

export function interestRecordIdFor(loanId: LoanId, qtr: Quarter): InterestRecordId {
  return deterministicId('interest', loanId, qtr);
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
  if (loan.subsidisedQuarters.includes(cmd.quarter)) {
    throw new DomainError('DUPLICATE', `${cmd.quarter}的贴息已记录`, { quarter: cmd.quarter });
  }
  if (loan.principalFen === undefined || loan.lentOn === undefined)
    throw new DomainError('WRONG_STATE', '贷款尚未放款');
  const interest = quarterInterestSubsidy(
    { lentOn: loan.lentOn, principalFen: loan.principalFen, repayments: loan.repayments },
    cmd.quarter,
    cmd.rates,
  );
  if (interest.days === 0)
    throw new DomainError('WRONG_STATE', `${cmd.quarter}贴息期内没有未还本金`, {
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
