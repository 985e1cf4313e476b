import { localDate } from '../calendar';
import { DomainError } from '../errors';
import type { LoanId } from '../ids';
import type { RateRow } from '../loan-interest';
import { fen, yuan } from '../money';
import {
  LOAN_STATUSES,
  LOAN_STATUS_LABELS,
  type Loan,
  applyForLoan,
  awaitsInterest,
  clearArrears,
  decideEligibility,
  deferLoan,
  interestQuarterOf,
  overdueDaysIn,
  recordCompensation,
  refuseQuarter,
  reportArrears,
  supplementLoan,
  decideGuarantee,
  interestRecordIdFor,
  markDefaulted,
  recordLending,
  recordRepayment,
  startEligibilityReview,
  subsidiseQuarter,
} from './loan';
import {
  POLICY,
  SUBJECT,
  T0,
  applicant,
  banker,
  finance1,
  guarantor,
  hrss1,
  hrss2,
  stranger,
  system,
} from './testing';

const d = localDate;
const CAP = yuan(200_000); // 003 §四(四)19: raised from 150,000 to 200,000
const RATES: RateRow[] = [{ effectiveOn: d('2020-01-01'), rateBp: 300, source: 'test' }];

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'OK';
}

const submitted = (requestedFen = CAP) =>
  applyForLoan(
    {
      id: 'loan_000001' as LoanId,
      policyId: POLICY,
      subjectId: SUBJECT,
      capFen: CAP,
      requestedFen,
    },
    applicant,
    T0,
  ).next;

function active(): Loan {
  let loan = startEligibilityReview(submitted(), hrss1, T0).next;
  loan = decideEligibility(loan, { kind: 'approve' }, hrss1, T0).next;
  loan = decideGuarantee(loan, { kind: 'approve' }, guarantor, T0).next;
  return recordLending(
    loan,
    { kind: 'lent', principalFen: CAP, lentOn: d('2026-06-01'), maturityOn: d('2028-05-31') },
    banker,
    T0,
  ).next;
}

describe('startup loan', () => {
  it('submitted → eligibility (人社) → guarantee (担保) → bank → active → repaid', () => {
    const loan = active();
    expect(loan).toMatchObject({ status: 'active', principalFen: 20_000_000, version: 5 });
    const part = recordRepayment(
      loan,
      { on: d('2026-12-01'), principalFen: yuan(50_000) },
      system('bank-feed'),
      T0,
    );
    expect(part.next.status).toBe('active');
    const all = recordRepayment(
      part.next,
      { on: d('2027-03-01'), principalFen: yuan(150_000) },
      banker,
      T0,
    );
    expect(all.next.status).toBe('repaid');
    expect(all.events.map((e) => e.type)).toEqual(['LoanRepaymentRecorded', 'LoanRepaid']);
  });

  it('records 贴息 once per quarter', () => {
    const t = subsidiseQuarter(
      active(),
      { quarter: '2026-Q3', rates: RATES },
      system('loan-interest'),
      T0,
    );
    // lent 06-01, so the whole period 06-21…09-20 (92 days): 151,233 fen, see loan-interest.test.ts
    expect(t.record).toMatchObject({
      id: interestRecordIdFor('loan_000001' as LoanId, '2026-Q3'),
      amountFen: 151_233,
      days: 92,
    });
    expect(t.next.subsidisedQuarters).toEqual(['2026-Q3']);
    expect(t.events[0]).toMatchObject({
      type: 'InterestSubsidyRecorded',
      quarter: '2026-Q3',
      amountFen: 151_233,
    });
    expect(
      code(() =>
        subsidiseQuarter(t.next, { quarter: '2026-Q3', rates: RATES }, system('loan-interest'), T0),
      ),
    ).toBe('DUPLICATE');
    expect(
      subsidiseQuarter(t.next, { quarter: '2026-Q4', rates: RATES }, system('loan-interest'), T0)
        .next.subsidisedQuarters,
    ).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('refuses: over cap, wrong department, wrong role, wrong state, missing reason', () => {
    expect(code(() => submitted(fen(CAP + 1)))).toBe('OVER_CAP');
    expect(
      code(() =>
        applyForLoan(
          {
            id: 'loan_000002' as LoanId,
            policyId: POLICY,
            subjectId: SUBJECT,
            capFen: CAP,
            requestedFen: CAP,
          },
          stranger,
          T0,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(code(() => startEligibilityReview(submitted(), finance1, T0))).toBe('FORBIDDEN');
    const inReview = startEligibilityReview(submitted(), hrss1, T0).next;
    expect(code(() => decideGuarantee(inReview, { kind: 'approve' }, guarantor, T0))).toBe(
      'WRONG_STATE',
    );
    expect(code(() => decideEligibility(inReview, { kind: 'approve' }, guarantor, T0))).toBe(
      'FORBIDDEN',
    );
    expect(code(() => decideEligibility(inReview, { kind: 'reject', reason: '' }, hrss1, T0))).toBe(
      'INVALID_INPUT',
    );
    expect(
      decideEligibility(inReview, { kind: 'reject', reason: '非重点群体' }, hrss1, T0).next.status,
    ).toBe('rejected');
    const inGuarantee = decideEligibility(inReview, { kind: 'approve' }, hrss1, T0).next;
    expect(
      code(() =>
        decideGuarantee(
          inGuarantee,
          { kind: 'approve', guaranteedFen: fen(CAP + 1) },
          guarantor,
          T0,
        ),
      ),
    ).toBe('OVER_CAP');
    expect(
      code(() =>
        subsidiseQuarter(
          inGuarantee,
          { quarter: '2026-Q3', rates: RATES },
          system('loan-interest'),
          T0,
        ),
      ),
    ).toBe('WRONG_STATE');
    expect(
      code(() => subsidiseQuarter(active(), { quarter: '2026-Q3', rates: RATES }, hrss1, T0)),
    ).toBe('FORBIDDEN');
  });

  it('bank declines or the loan defaults', () => {
    let loan = startEligibilityReview(submitted(), hrss1, T0).next;
    loan = decideEligibility(loan, { kind: 'approve' }, hrss1, T0).next;
    loan = decideGuarantee(
      loan,
      { kind: 'approve', guaranteedFen: yuan(100_000) },
      guarantor,
      T0,
    ).next;
    expect(
      code(() =>
        recordLending(
          loan,
          {
            kind: 'lent',
            principalFen: yuan(150_000),
            lentOn: d('2026-06-01'),
            maturityOn: d('2028-05-31'),
          },
          banker,
          T0,
        ),
      ),
    ).toBe('OVER_CAP');
    expect(
      recordLending(loan, { kind: 'declined', reason: '征信不符' }, banker, T0).next.status,
    ).toBe('rejected');
    expect(
      markDefaulted(active(), { on: d('2027-06-01'), reason: '连续三期未还款' }, banker, T0).next
        .status,
    ).toBe('defaulted');
  });

  it('labels every status in Chinese', () => {
    for (const s of LOAN_STATUSES) expect(LOAN_STATUS_LABELS[s]).toMatch(/\p{Script=Han}/u);
  });
});

describe('startup loan, issue 13 steps', () => {
  const withDetails = (o: Partial<Parameters<typeof applyForLoan>[0]> = {}) =>
    applyForLoan(
      {
        id: 'loan_000003' as LoanId,
        policyId: POLICY,
        subjectId: SUBJECT,
        capFen: CAP,
        requestedFen: CAP,
        details: { termMonths: 24, purpose: '开店', businessName: '便民店', industry: 'catering' },
        missingMaterials: ['group_certificate'],
        reviewLevels: 2,
        ...o,
      },
      applicant,
      T0,
    ).next;

  it('容缺 blocks the 人社 approval until supplemented; two levels need two people', () => {
    const loan = withDetails();
    expect(code(() => decideEligibility(loan, { kind: 'approve' }, hrss1, T0))).toBe('WRONG_STATE');
    expect(
      code(() =>
        supplementLoan(loan, { materials: [{ code: 'id_card', uploadKey: 'k' }] }, applicant, T0),
      ),
    ).toBe('INVALID_INPUT');
    const sup = supplementLoan(
      loan,
      { materials: [{ code: 'group_certificate', uploadKey: 'k' }] },
      applicant,
      T0,
    ).next;
    expect(sup.missingMaterials).toEqual([]);
    const l1 = decideEligibility(sup, { kind: 'approve' }, hrss1, T0).next;
    expect(l1).toMatchObject({ status: 'eligibility_review', reviewLevel: 2 });
    expect(code(() => decideEligibility(l1, { kind: 'approve' }, hrss1, T0))).toBe('FORBIDDEN');
    const l2 = decideEligibility(l1, { kind: 'approve' }, hrss2, T0).next;
    expect(l2.status).toBe('guarantee_review');
  });

  it('a bank reference is applied once; arrears count the days overdue inside the quarter', () => {
    const loan = active();
    const arrears = reportArrears(
      loan,
      { ref: 'R1', dueOn: d('2026-07-20'), amountFen: yuan(1000) },
      banker,
      T0,
    ).next;
    expect(
      code(() =>
        recordRepayment(
          arrears,
          { on: d('2026-08-01'), principalFen: yuan(1), ref: 'R1' },
          banker,
          T0,
        ),
      ),
    ).toBe('DUPLICATE');
    expect(overdueDaysIn(arrears, '2026-Q3')).toBe(62); // 07-20 … 09-20
    const cleared = clearArrears(
      arrears,
      { ref: 'R2', arrearsRef: 'R1', on: d('2026-08-01') },
      banker,
      T0,
    ).next;
    expect(overdueDaysIn(cleared, '2026-Q3')).toBe(12);
    const refused = refuseQuarter(
      arrears,
      { quarter: '2026-Q3', reason: '逾期', code: 'OVERDUE' },
      system('loan-interest'),
      T0,
    ).next;
    expect(
      code(() =>
        subsidiseQuarter(
          refused,
          { quarter: '2026-Q3', rates: RATES },
          system('loan-interest'),
          T0,
        ),
      ),
    ).toBe('DUPLICATE');
  });

  it('a repaid loan stays on the 贴息 list until its last quarter is decided', () => {
    expect(interestQuarterOf(d('2026-09-20'))).toBe('2026-Q3');
    expect(interestQuarterOf(d('2026-09-21'))).toBe('2026-Q4');
    expect(interestQuarterOf(d('2026-12-25'))).toBe('2027-Q1');
    const repaid = recordRepayment(
      active(),
      { on: d('2026-11-05'), principalFen: CAP },
      banker,
      T0,
    ).next;
    expect(awaitsInterest(repaid)).toBe(true);
    const done = subsidiseQuarter(
      repaid,
      { quarter: '2026-Q4', rates: RATES },
      system('loan-interest'),
      T0,
    ).next;
    expect(awaitsInterest(done)).toBe(false);
  });

  it('deferral only inside the window; 代偿 once, by the guarantee company, after a default', () => {
    const loan = active();
    expect(
      code(() =>
        deferLoan(loan, { ref: 'D1', on: d('2026-06-01'), untilOn: d('2026-12-31') }, banker, T0),
      ),
    ).toBe('WRONG_STATE');
    const def = markDefaulted(loan, { on: d('2027-06-01'), reason: '违约' }, banker, T0).next;
    expect(
      code(() => recordCompensation(def, { amountFen: CAP, on: d('2027-06-10') }, banker, T0)),
    ).toBe('FORBIDDEN');
    const comp = recordCompensation(def, { amountFen: CAP, on: d('2027-06-10') }, guarantor, T0);
    expect(comp.events[0]).toMatchObject({ type: 'LoanCompensated', amountFen: CAP });
    expect(
      code(() =>
        recordCompensation(comp.next, { amountFen: fen(1), on: d('2027-06-11') }, guarantor, T0),
      ),
    ).toBe('DUPLICATE');
  });
});
