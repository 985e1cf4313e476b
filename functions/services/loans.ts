/**
 * Startup guaranteed loans (issue 13): load → one pure call (shared/lifecycle/loan) → save.
 * Apply on the rules engine's verdict (key group) with materials and 容缺; the 人社, guarantee
 * and bank steps, each its own department, queue and SLA; the bank's repayments, arrears,
 * deferral and default, each bank reference applied once; 代偿 by the guarantee company.
 */
import type { Actor, ApplicantActor, ReviewerActor } from '../../shared/actor';
import {
  instantOf,
  localDate,
  localDateOf,
  slaStatusOrUnknown,
  type Instant,
  type LocalDate,
} from '../../shared/calendar';
import { DomainError, forbidden, invalidInput, notFound } from '../../shared/errors';
import type { LoanId, SubjectId } from '../../shared/ids';
import type { Transition } from '../../shared/lifecycle/common';
import type { Payee } from '../../shared/lifecycle/grant';
import {
  clearArrears,
  decideEligibility,
  decideGuarantee,
  deferLoan,
  LOAN_STATUS_LABELS,
  LOAN_STEP_LABELS,
  LOAN_STEP_OF,
  markDefaulted,
  outstandingFen,
  recordCompensation,
  recordLending,
  recordRepayment,
  reportArrears,
  supplementLoan,
  type Loan,
  type LoanEvent,
  type LoanStep,
} from '../../shared/lifecycle/loan';
import {
  bpText,
  FEE_CAP_RULE_LABELS,
  LOAN_INDUSTRY_LABELS,
  STARTUP_LOAN_TERMS,
} from '../../shared/loan-terms';
import { maskIdNumber, maskText } from '../../shared/mask';
import { fen } from '../../shared/money';
import { maskPayee } from '../../shared/payee';
import { findPolicy } from '../../shared/policies';
import {
  admitLoan,
  LOAN_DEPARTMENTS,
  requireLoanVisible,
} from '../../shared/lifecycle/loan-admission';
import { policyCatalogue } from './catalogue';
import type {
  ApplyLoanBody,
  BankEvent,
  BankFeedBody,
  CompensationBody,
  EligibilityBody,
  GuaranteeBody,
  LendingBody,
  LoanListQuery,
  LoanSupplementBody,
} from '../../shared/schemas/loan';
import { newId } from '../_lib/new-id';
import { claimItem } from '../repositories/claims';
import { factsOf } from '../repositories/facts';
import { payeeOnFile } from '../repositories/grants';
import {
  bankRefItem,
  findLoan,
  listInterestOfSubject,
  listLoanQueue,
  listLoansBySubject,
  listLoansOfPolicy,
  loanTimeline,
  saveLoan,
  type LoanRecord,
} from '../repositories/loans';
import { getSubject } from '../repositories/subjects';
import type { Guard } from './idempotency';
import { policyRef } from './policy-ref';
import { uploadKeyOf } from './uploads';

export const LOAN_POLICY = 'startup-loan';
const TERMS = STARTUP_LOAN_TERMS;
type Person = Exclude<Actor, { kind: 'system' }>;

// ---- views -------------------------------------------------------------------------------

const STEP_SLA: Record<LoanStep, number> = {
  eligibility: TERMS.slaWorkingDays.eligibility,
  guarantee: TERMS.slaWorkingDays.guarantee,
  bank: TERMS.slaWorkingDays.bank,
};

const yuanText = (f: number) =>
  `¥${(f / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** One line of the timeline, in Chinese, for each event (no ID numbers, no account numbers). */
export function timelineText(e: LoanEvent): string {
  switch (e.type) {
    case 'LoanSubmitted':
      return `提交贷款申请 ${yuanText(e.requestedFen)}${e.missingMaterials?.length ? '（容缺受理，待补材料）' : ''}`;
    case 'LoanSupplemented':
      return e.counterGuarantee ? '提交反担保材料' : '补充容缺材料';
    case 'LoanReviewStarted':
      return '人社局开始资格审核';
    case 'LoanEligibilityLevelApproved':
      return `人社局${String(e.level)}级审核通过，转${String(e.level + 1)}级审核`;
    case 'LoanEligibilityDecided':
      return e.decision.kind === 'approve'
        ? '人社局资格审核通过，转担保公司审核'
        : `人社局资格审核不通过：${e.decision.reason}`;
    case 'LoanCounterGuaranteeRequested':
      return `担保公司要求提供反担保材料：${e.note}`;
    case 'LoanGuaranteeDecided':
      return e.decision.kind === 'approve'
        ? `担保公司同意担保 ${yuanText(e.guaranteedFen ?? 0)}${e.feeRateBp !== undefined ? `，担保费率 ${bpText(e.feeRateBp)}` : ''}，转合作银行审批`
        : `担保公司不予担保：${e.decision.reason}`;
    case 'LoanLent':
      return `合作银行放款 ${yuanText(e.principalFen)}（${e.lentOn}）${e.annualRateBp !== undefined ? `，年利率 ${bpText(e.annualRateBp)}` : ''}`;
    case 'LoanDeclinedByBank':
      return `合作银行不予放款：${e.reason}`;
    case 'LoanRepaymentRecorded':
      return `还款本金 ${yuanText(e.principalFen)}（${e.on}）`;
    case 'LoanArrearsReported':
      return `逾期未还 ${yuanText(e.amountFen)}（应还日 ${e.dueOn}）`;
    case 'LoanArrearsCleared':
      return `逾期款项已结清（${e.on}）`;
    case 'LoanDeferred':
      return `延期还本付息至 ${e.untilOn}`;
    case 'LoanRepaid':
      return `贷款已结清（${e.on}）`;
    case 'LoanDefaulted':
      return `贷款违约（${e.on}）：${e.reason}`;
    case 'LoanCompensated':
      return `担保基金代偿 ${yuanText(e.amountFen)}（${e.on}）`;
    case 'InterestSubsidyRecorded':
      return `${e.quarter} 财政贴息 ${yuanText(e.amountFen)}`;
    case 'InterestSubsidyRefused':
      return `${e.quarter} 不予贴息：${e.reason}`;
  }
}

const WHO: Record<string, string> = {
  hrss: '人社局',
  guarantee: '担保公司',
  bank: '合作银行',
  finance: '财政局',
};
function whoOf(by: Actor): string {
  switch (by.kind) {
    case 'applicant':
      return '申请人';
    case 'reviewer':
      return WHO[by.department] ?? '审核人员';
    case 'admin':
      return '平台管理员';
    case 'auditor':
      return '审计';
    case 'system':
      return by.job === 'bank-feed' ? '银行数据' : '系统';
  }
}

/** A loan in a list: its step and SLA, amounts and dates. */
export function loanSummary(r: LoanRecord, now: Instant) {
  const l = r.loan;
  const step = LOAN_STEP_OF[l.status];
  const today = localDateOf(now);
  const sla = step
    ? {
        step,
        ...slaStatusOrUnknown(localDateOf(l.stepSince ?? l.submittedAt), STEP_SLA[step], today),
      }
    : undefined;
  const base = {
    id: l.id,
    policyId: LOAN_POLICY,
    status: l.status,
    statusLabel: LOAN_STATUS_LABELS[l.status],
    step: step ?? null,
    stepLabel: step ? LOAN_STEP_LABELS[step] : null,
    reviewLevel:
      l.status === 'eligibility_review' || l.status === 'submitted' ? (l.reviewLevel ?? 1) : null,
    submittedAt: l.submittedAt,
    requestedFen: l.requestedFen,
    capFen: l.capFen,
    sla: sla ?? null,
    guaranteedFen: l.guaranteedFen ?? null,
    principalFen: l.principalFen ?? null,
    outstandingFen: l.principalFen === undefined ? null : outstandingFen(l),
    lentOn: l.lentOn ?? null,
    maturityOn: l.maturityOn ?? null,
    rejectionReason: l.rejectionReason ?? null,
  };
  return base;
}

/** One loan whole, with `events` as its timeline. */
export async function loanView(
  r: LoanRecord,
  viewer: Person,
  now: Instant,
  events: readonly LoanEvent[],
) {
  const l = r.loan;
  const policy = findPolicy(LOAN_POLICY);
  const base = loanSummary(r, now);
  const names = new Map((policy?.materials ?? []).map((m) => [m.id, m.name]));
  const [interest, subject] = await Promise.all([
    listInterestOfSubject(l.subjectId),
    viewer.kind === 'applicant' ? undefined : getSubject(l.subjectId),
  ]);
  return {
    ...base,
    borrower:
      subject === undefined
        ? null
        : {
            name: subject.name,
            idMasked:
              subject.kind === 'person' ? maskIdNumber(subject.idNumber) : maskText(subject.uscc),
          },
    details: l.details
      ? { ...l.details, industryLabel: LOAN_INDUSTRY_LABELS[l.details.industry] }
      : null,
    materials: (policy?.materials ?? []).map((m) => ({
      materialId: m.id,
      name: m.name,
      optional: m.optional,
      provided: (l.materials ?? []).some((x) => x.code === m.id),
    })),
    missingMaterials: (l.missingMaterials ?? []).map((c) => ({
      materialId: c,
      name: names.get(c) ?? c,
    })),
    explanation: l.explanation ?? null,
    guaranteeFee: l.guaranteeFee
      ? { ...l.guaranteeFee, ruleLabel: FEE_CAP_RULE_LABELS[l.guaranteeFee.rule] }
      : null,
    counterGuarantee: l.counterGuarantee
      ? {
          note: l.counterGuarantee.note,
          requestedAt: l.counterGuarantee.requestedAt,
          providedAt: l.counterGuarantee.providedAt ?? null,
        }
      : null,
    contract: l.contract ?? null,
    repayments: l.repayments,
    arrears: l.arrears ?? [],
    deferral: l.deferral ?? null,
    compensation: l.compensation ?? null,
    repaymentAccount: r.repaymentAccount ? maskPayee(r.repaymentAccount) : null,
    interest: interest
      .filter((p) => p.loanId === l.id)
      .map((p) => ({ quarter: p.quarter, amountFen: p.amountFen, days: p.days, status: p.status }))
      .sort((a, b) => a.quarter.localeCompare(b.quarter)),
    refusedQuarters: l.refusedQuarters ?? [],
    timeline: events.map((e) => ({
      type: e.type,
      at: e.at,
      who: whoOf(e.by),
      text: timelineText(e),
    })),
  };
}

async function detail(r: LoanRecord, viewer: Person, now: Instant) {
  const events = await loanTimeline(r.loan.id);
  return loanView(r, viewer, now, events);
}

// ---- apply -------------------------------------------------------------------------------

/**
 * POST /v1/loans. The amount first (422 OVER_CAP naming the ceiling), then the key group by the
 * rules engine on the server's facts (422 NOT_ELIGIBLE with the explanation), the materials
 * (required ones present; optional ones missing → 容缺), the repayment account, and one open
 * loan per person: the entitlement claim taken in the same transaction.
 */
export async function applyLoan(
  actor: ApplicantActor,
  body: ApplyLoanBody,
  guard: Guard,
  now: Date,
) {
  const at = instantOf(now);
  const asOf = localDateOf(at);
  const catalogue = await policyCatalogue();
  const policy = catalogue.inForce(body.policyId, asOf) ?? catalogue.find(body.policyId);
  if (!policy || policy.kind !== 'startup_loan') throw notFound('政策');
  const [subject, facts, existing, onFile] = await Promise.all([
    getSubject(actor.subjectId),
    factsOf(actor.subjectId),
    listLoansBySubject(actor.subjectId),
    body.repaymentAccount.source === 'profile' ? payeeOnFile(actor.subjectId) : undefined,
  ]);
  const {
    transition: t,
    payee,
    claimPeriod,
  } = admitLoan(
    {
      id: newId('loan'),
      policy,
      policyRef: policyRef(policy.id),
      subject,
      facts,
      asOf,
      params: catalogue.params,
      existing: existing.map((r) => r.loan),
      requestedFen: body.requestedFen,
      details: {
        termMonths: body.termMonths,
        purpose: body.purpose,
        businessName: body.business.name,
        industry: body.business.industry,
      },
      materials: body.materials.map((m) => ({
        code: m.materialId,
        uploadKey: uploadKeyOf(actor.subjectId, m.materialId, m.uploadId),
      })),
      account: { choice: body.repaymentAccount, onFile },
      maxTermMonths: TERMS.maxTermMonths,
    },
    actor,
    at,
  );
  const policyId = t.next.policyId;
  const record: LoanRecord = { loan: t.next, repaymentAccount: payee };
  // a new loan has no stored events yet: the view gets the submission's
  const view = await loanView(record, actor, at, t.events);
  await saveLoan(t.next, t.events, 'new', {
    repaymentAccount: payee,
    with: [
      claimItem(
        { policyId, subjectId: actor.subjectId, period: claimPeriod },
        { kind: 'loan', id: t.next.id },
        at,
      ),
      ...guard(view),
    ],
  });
  return view;
}

// ---- read --------------------------------------------------------------------------------

async function loadVisible(actor: Person, id: LoanId): Promise<LoanRecord> {
  const r = await findLoan(id);
  if (!r) throw notFound('贷款');
  requireLoanVisible(actor, r.loan);
  return r;
}

export async function getLoanDetail(actor: Person, id: LoanId, now: Date) {
  return detail(await loadVisible(actor, id), actor, instantOf(now));
}

/**
 * GET /v1/loans: the borrower's own loans; a step's staff get their queue (oldest first, SLA);
 * the bank also its active loans; admin and auditor every loan. Other reviewers: 403.
 */
export async function listLoans(actor: Person, q: LoanListQuery, now: Date) {
  const at = instantOf(now);
  let records: LoanRecord[];
  switch (actor.kind) {
    case 'applicant':
      records = await listLoansBySubject(actor.subjectId);
      break;
    case 'reviewer': {
      if (!(LOAN_DEPARTMENTS as readonly string[]).includes(actor.department))
        throw forbidden('不属于本部门的贷款事项', { reason: 'NOT_YOUR_DEPARTMENT' });
      records = await listLoanQueue(actor.department);
      if (actor.department === 'bank')
        records = [...records, ...(await listLoanQueue('bank-active'))];
      if (actor.department === 'hrss')
        records = records.filter((r) => (r.loan.reviewLevel ?? 1) === actor.level);
      break;
    }
    case 'admin':
    case 'auditor':
      records = (await listLoansOfPolicy(policyRef(LOAN_POLICY))).map((loan) => ({ loan }));
      break;
  }
  const items = records
    .filter((r) => q.status === undefined || r.loan.status === q.status)
    .map((r) => loanSummary(r, at));
  return { items };
}

// ---- steps -------------------------------------------------------------------------------

/** Load → visible → one pure step → save (accounts kept, extra writes in the same transaction). */
async function step(
  actor: Person,
  id: LoanId,
  o: { guard: Guard; now: Date },
  f: (
    r: LoanRecord,
    at: Instant,
  ) => Transition<Loan, LoanEvent> & {
    bankAccount?: Payee;
    refs?: readonly string[];
  },
) {
  const r = await loadVisible(actor, id);
  const at = instantOf(o.now);
  const t = f(r, at);
  const next: LoanRecord = {
    ...r,
    loan: t.next,
    ...(t.bankAccount ? { bankAccount: t.bankAccount } : {}),
  };
  const previous = await loanTimeline(id);
  const view = await loanView(next, actor, at, [...previous, ...t.events]);
  await saveLoan(t.next, t.events, r.loan.version, {
    repaymentAccount: next.repaymentAccount,
    bankAccount: next.bankAccount,
    with: [...(t.refs ?? []).map((ref) => bankRefItem(ref, id, at)), ...o.guard(view)],
  });
  return view;
}

export function supplementLoanMaterials(
  actor: ApplicantActor,
  id: LoanId,
  body: LoanSupplementBody,
  guard: Guard,
  now: Date,
) {
  return step(actor, id, { guard, now }, (r, at) =>
    supplementLoan(
      r.loan,
      {
        materials: body.materials.map((m) => ({
          code: m.materialId,
          uploadKey: uploadKeyOf(actor.subjectId, m.materialId, m.uploadId),
        })),
      },
      actor,
      at,
    ),
  );
}

export function decideLoanEligibility(
  actor: ReviewerActor,
  id: LoanId,
  body: EligibilityBody,
  guard: Guard,
  now: Date,
) {
  return step(actor, id, { guard, now }, (r, at) =>
    decideEligibility(
      r.loan,
      body.decision === 'approve' ? { kind: 'approve' } : { kind: 'reject', reason: body.reason },
      actor,
      at,
    ),
  );
}

export function decideLoanGuarantee(
  actor: ReviewerActor,
  id: LoanId,
  body: GuaranteeBody,
  guard: Guard,
  now: Date,
) {
  return step(actor, id, { guard, now }, (r, at) => {
    switch (body.decision) {
      case 'approve':
        return decideGuarantee(
          r.loan,
          {
            kind: 'approve',
            feeRateBp: body.feeRateBp,
            hardHit: body.hardHit,
            ...(body.guaranteedFen !== undefined ? { guaranteedFen: fen(body.guaranteedFen) } : {}),
          },
          actor,
          at,
          TERMS,
        );
      case 'counter_guarantee':
        return decideGuarantee(
          r.loan,
          { kind: 'counter_guarantee', note: body.note },
          actor,
          at,
          TERMS,
        );
      case 'reject':
        return decideGuarantee(r.loan, { kind: 'reject', reason: body.reason }, actor, at, TERMS);
    }
  });
}

export function decideLoanLending(
  actor: ReviewerActor,
  id: LoanId,
  body: LendingBody,
  guard: Guard,
  now: Date,
) {
  return step(actor, id, { guard, now }, (r, at) => {
    if (body.decision === 'refuse')
      return recordLending(r.loan, { kind: 'declined', reason: body.reason }, actor, at, TERMS);
    const t = recordLending(
      r.loan,
      {
        kind: 'lent',
        principalFen: fen(body.principalFen),
        lentOn: localDate(body.startOn),
        maturityOn: localDate(body.maturityOn),
        contract: {
          contractNo: body.contractNo,
          lprBp: body.lprBp,
          spreadBp: body.spreadBp,
          annualRateBp: body.annualRateBp,
          schedule: body.schedule.map((s) => ({
            dueOn: localDate(s.dueOn),
            principalFen: fen(s.principalFen),
          })),
        },
      },
      actor,
      at,
      TERMS,
    );
    if (TERMS.interestPayee === 'bank' && body.bankAccount === undefined)
      throw invalidInput('贴息拨付至合作银行：请填写银行贴息收款账户', {
        reason: 'BANK_ACCOUNT_REQUIRED',
      });
    return { ...t, ...(body.bankAccount ? { bankAccount: body.bankAccount } : {}) };
  });
}

/** One bank event on a loan, by a bank officer or the bank's feed; its reference is taken once. */
function applyBankEvent(
  loan: Loan,
  e: BankEvent,
  by: Actor,
  at: Instant,
): Transition<Loan, LoanEvent> {
  switch (e.kind) {
    case 'repayment':
      return recordRepayment(
        loan,
        { on: localDate(e.on), principalFen: fen(e.principalFen), ref: e.ref },
        by,
        at,
      );
    case 'arrears':
      return reportArrears(
        loan,
        { ref: e.ref, dueOn: localDate(e.dueOn), amountFen: fen(e.amountFen) },
        by,
        at,
      );
    case 'arrears_cleared':
      return clearArrears(
        loan,
        { ref: e.ref, arrearsRef: e.arrearsRef, on: localDate(e.on) },
        by,
        at,
      );
    case 'deferral':
      return deferLoan(
        loan,
        { ref: e.ref, on: localDate(e.on), untilOn: localDate(e.untilOn) },
        by,
        at,
        TERMS,
      );
    case 'default':
      return markDefaulted(loan, { on: localDate(e.on), reason: e.reason, ref: e.ref }, by, at);
  }
}

export function recordBankEvent(
  actor: ReviewerActor,
  id: LoanId,
  body: BankEvent,
  guard: Guard,
  now: Date,
) {
  return step(actor, id, { guard, now }, (r, at) => ({
    ...applyBankEvent(r.loan, body, actor, at),
    refs: [body.ref],
  }));
}

export type FeedOutcome = 'applied' | 'duplicate' | 'refused';

/**
 * POST /v1/bank/loan-feed: each line applied once, in order, as the `bank-feed` job; a reference
 * already taken is `duplicate` (nothing changes), a line the loan refuses is `refused` with
 * its code. The feed as a whole answers 200 with one outcome per line.
 */
export async function importBankFeed(
  actor: ReviewerActor | Extract<Actor, { kind: 'admin' }>,
  body: BankFeedBody,
  now: Date,
) {
  if (actor.kind === 'reviewer' && actor.department !== 'bank')
    throw forbidden('只有合作银行可以报送贷款数据', { reason: 'NOT_YOUR_QUEUE' });
  const by: Actor = { kind: 'system', job: 'bank-feed' };
  const at = instantOf(now);
  const results: {
    ref: string;
    loanId: string;
    outcome: FeedOutcome;
    code?: string;
    message?: string;
  }[] = [];
  for (const line of body.events) {
    const { loanId, ...e } = line;
    try {
      const r = await findLoan(loanId);
      if (!r) throw notFound('贷款');
      if ((r.loan.bankRefs ?? []).includes(e.ref)) {
        results.push({ ref: e.ref, loanId, outcome: 'duplicate' });
        continue;
      }
      const t = applyBankEvent(r.loan, e, by, at);
      await saveLoan(t.next, t.events, r.loan.version, {
        repaymentAccount: r.repaymentAccount,
        bankAccount: r.bankAccount,
        with: [bankRefItem(e.ref, loanId, at)],
      });
      results.push({ ref: e.ref, loanId, outcome: 'applied' });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const reason = (err.details as { reason?: string } | undefined)?.reason;
      if (err.code === 'DUPLICATE' && reason === 'BANK_REF_SEEN')
        results.push({ ref: e.ref, loanId, outcome: 'duplicate' });
      else
        results.push({
          ref: e.ref,
          loanId,
          outcome: 'refused',
          code: err.code,
          message: err.message,
        });
    }
  }
  const tally = results.reduce<Record<string, number>>(
    (a, x) => ({ ...a, [x.outcome]: (a[x.outcome] ?? 0) + 1 }),
    {},
  );
  return { results, tally };
}

export function recordLoanCompensation(
  actor: ReviewerActor,
  id: LoanId,
  body: CompensationBody,
  guard: Guard,
  now: Date,
) {
  return step(actor, id, { guard, now }, (r, at) =>
    recordCompensation(
      r.loan,
      { amountFen: fen(body.amountFen), on: localDate(body.on) },
      actor,
      at,
    ),
  );
}

// ---- stats -------------------------------------------------------------------------------

/** Loans by stage, amounts lent, 贴息 per quarter, overdue and default rates, guarantee exposure. */
export async function loanStats(now: Date) {
  const today: LocalDate = localDateOf(instantOf(now));
  const loans = await listLoansOfPolicy(policyRef(LOAN_POLICY));
  const byStatus: Record<string, number> = {};
  for (const l of loans) byStatus[l.status] = (byStatus[l.status] ?? 0) + 1;
  const lent = loans.filter((l) => l.principalFen !== undefined);
  const lentFen = lent.reduce((s, l) => s + (l.principalFen ?? 0), 0);
  const active = loans.filter((l) => l.status === 'active');
  const overdue = active.filter((l) =>
    (l.arrears ?? []).some((a) => !a.clearedOn && a.dueOn < today),
  );
  const defaulted = loans.filter((l) => l.status === 'defaulted');
  const exposureFen = active.reduce((s, l) => s + outstandingFen(l), 0);
  const compensatedFen = defaulted.reduce((s, l) => s + (l.compensation?.amountFen ?? 0), 0);
  const subjects = [...new Set(lent.map((l) => l.subjectId))];
  const payouts = (
    await Promise.all(subjects.map((s: SubjectId) => listInterestOfSubject(s)))
  ).flat();
  const perQuarter: Record<string, { recordedFen: number; paidFen: number; count: number }> = {};
  for (const p of payouts) {
    const q = (perQuarter[p.quarter] ??= { recordedFen: 0, paidFen: 0, count: 0 });
    q.recordedFen += p.amountFen;
    q.count += 1;
    if (p.status === 'paid') q.paidFen += p.amountFen;
  }
  const rateBp = (n: number, d: number) => (d === 0 ? 0 : Math.round((n * 10_000) / d));
  return {
    asOf: today,
    total: loans.length,
    byStatus,
    lentCount: lent.length,
    lentFen: fen(lentFen),
    activeCount: active.length,
    overdueCount: overdue.length,
    overdueRateBp: rateBp(overdue.length, active.length),
    defaultCount: defaulted.length,
    defaultRateBp: rateBp(defaulted.length, lent.length),
    guaranteeExposureFen: exposureFen,
    compensatedFen,
    interestByQuarter: Object.entries(perQuarter)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([quarter, v]) => ({ quarter, ...v })),
  };
}
