/**
 * A loan's 贴息 for one quarter as one pure step (issue #15: the decisions were in
 * functions/services/loan-interest.ts), and the quarter a run settles.
 */
import { localDate } from '../calendar';
import type { LoanId, PolicyId } from '../ids';
import { settledQuarter, type RateRow } from '../loan-interest';
import { fen, yuan } from '../money';
import { quarterSubsidy } from './interest-payout';
import {
  applyForLoan,
  decideEligibility,
  decideGuarantee,
  recordLending,
  startEligibilityReview,
  type Loan,
} from './loan';
import { POLICY, SUBJECT, T0, applicant, banker, guarantor, hrss1, system } from './testing';

const d = localDate;
const CAP = yuan(200_000);
const RATES: RateRow[] = [{ effectiveOn: d('2020-01-01'), rateBp: 300, source: 'test' }];
const ACCOUNT = {
  accountName: '王小明',
  bankName: '合作银行',
  accountNumber: '6228480123456780014',
};
const cmd = (capFen = yuan(10_000)) => ({
  quarter: '2026-Q3' as const,
  rates: RATES,
  capFen,
  policyId: 'pol_startup-loan-interest' as PolicyId,
});

function active(): Loan {
  let loan = applyForLoan(
    {
      id: 'loan_000001' as LoanId,
      policyId: POLICY,
      subjectId: SUBJECT,
      capFen: CAP,
      requestedFen: CAP,
    },
    applicant,
    T0,
  ).next;
  loan = startEligibilityReview(loan, hrss1, T0).next;
  loan = decideEligibility(loan, { kind: 'approve' }, hrss1, T0).next;
  loan = decideGuarantee(loan, { kind: 'approve' }, guarantor, T0).next;
  return recordLending(
    loan,
    { kind: 'lent', principalFen: CAP, lentOn: d('2026-06-01'), maturityOn: d('2028-05-31') },
    banker,
    T0,
  ).next;
}

describe('quarterSubsidy', () => {
  const job = system('loan-interest');

  it('records the quarter and opens a payout for the subsidy, capped per borrower', () => {
    const uncapped = quarterSubsidy(active(), ACCOUNT, cmd(yuan(10_000)), job, T0);
    expect(uncapped).toMatchObject({ kind: 'record', amountFen: 151_233 });
    const capped = quarterSubsidy(active(), ACCOUNT, cmd(yuan(1_000)), job, T0);
    expect(capped.kind).toBe('record');
    if (capped.kind !== 'record') return;
    expect(capped.amountFen).toBe(yuan(1_000));
    expect(capped.payout.next).toMatchObject({ amountFen: yuan(1_000), payee: ACCOUNT });
    expect(capped.loan.next.subsidisedQuarters).toEqual(['2026-Q3']);
  });

  it('a quarter already recorded, a loan without an account, a zero cap: nothing to save', () => {
    const recorded = quarterSubsidy(active(), ACCOUNT, cmd(), job, T0);
    if (recorded.kind !== 'record') throw new Error('fixture');
    expect(quarterSubsidy(recorded.loan.next, ACCOUNT, cmd(), job, T0)).toEqual({
      kind: 'already_recorded',
    });
    expect(quarterSubsidy(active(), undefined, cmd(), job, T0)).toEqual({ kind: 'no_account' });
    expect(quarterSubsidy(active(), ACCOUNT, cmd(fen(0)), job, T0)).toEqual({
      kind: 'nothing_owed',
    });
  });
});

describe('settledQuarter', () => {
  it('the quarter whose 结息日 (the 20th of its last month) is the latest on or before today', () => {
    expect(settledQuarter(d('2026-09-20'))).toBe('2026-Q3');
    expect(settledQuarter(d('2026-09-19'))).toBe('2026-Q2');
    expect(settledQuarter(d('2026-01-05'))).toBe('2025-Q4');
  });
});
