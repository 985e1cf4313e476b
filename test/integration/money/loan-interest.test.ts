/**
 * Quarterly 贴息 (POLICIES C, DESIGN §7): one payment per loan per quarter. The schedule
 * records the quarter, creates the payout and reserves budget in one transaction; a rerun
 * creates nothing; the disburse job pays it once.
 */

import { handler as loanInterestSchedule } from '../../../functions/schedule/loan-interest/handler';
import { findInterestPayout, getLoan, saveLoan } from '../../../functions/repositories/loans';
import { getBudget } from '../../../functions/repositories/ledger';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { disburseDue } from '../../../functions/services/disburse';
import { settledQuarter, settleLoanInterest } from '../../../functions/services/loan-interest';
import { policyIdOf } from '../../../shared/auto-grant';
import { instant, localDate } from '../../../shared/calendar';
import type { LoanId } from '../../../shared/ids';
import { interestRecordIdFor, type Loan } from '../../../shared/lifecycle/loan';
import { quarterInterestSubsidy } from '../../../shared/loan-interest';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { freshTable } from '../../support/table';
import { fakeTreasury, PAYEE } from './support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

// Inside startup-loan-interest's window (2020-01-01 … 2023-12-31): issue 13 has the job apply the
// policy's own rules, so a quarter outside the window earns nothing (last test).
const SETTLEMENT_DAY = new Date('2020-09-20T01:00:00Z'); // 09:00 Asia/Shanghai, the schedule's time
/** Loans recorded without a contract: the subsidised rate comes from a table (3.00 % here). */
const RATES = [{ effectiveOn: localDate('2020-01-01'), rateBp: 300, source: 'test' }];

function activeLoan(n: number, principalYuan: number): Loan {
  return {
    id: `loan_T${n}` as LoanId,
    policyId: policyIdOf('startup-loan'),
    subjectId: subjectIdOf(`62072419900101${String(1000 + n).slice(-4)}`),
    capFen: fen(20_000_000),
    requestedFen: fen(principalYuan * 100),
    status: 'active',
    version: 5,
    submittedAt: instant('2020-02-01T02:00:00Z'),
    guaranteedFen: fen(principalYuan * 100),
    principalFen: fen(principalYuan * 100),
    lentOn: localDate('2020-03-01'),
    maturityOn: localDate('2028-03-01'),
    repayments: [],
    subsidisedQuarters: [],
  };
}

describe('quarterly loan interest subsidy', () => {
  let fake: FakeTreasury;
  const loans = [activeLoan(1, 200_000), activeLoan(2, 50_000)];
  beforeAll(async () => {
    await freshTable();
    fake = await fakeTreasury('ok');
    for (const l of loans) await saveLoan(l, [], 'new', { repaymentAccount: PAYEE });
    // an active loan with no repayment account on file is skipped, not guessed
    await saveLoan(activeLoan(3, 10_000), [], 'new');
  });
  afterAll(() => fake.stop());

  it('the 20th of the quarter’s last month settles that quarter (the day before, the previous one)', () => {
    expect(settledQuarter(localDate('2026-09-20'))).toBe('2026-Q3');
    expect(settledQuarter(localDate('2026-09-19'))).toBe('2026-Q2');
  });

  it('records one payout per active loan for the quarter, reserving its amount', async () => {
    const r = await settleLoanInterest({ now: SETTLEMENT_DAY, rates: RATES });
    expect(r).toEqual({ quarter: '2020-Q3', outcomes: { recorded: 2, no_account: 1 } });
    const expected = loans.map(
      (l) =>
        quarterInterestSubsidy(
          { lentOn: l.lentOn!, principalFen: l.principalFen!, repayments: [] },
          '2020-Q3',
          RATES,
        ).amountFen,
    );
    expect(expected[0]).toBe(151_233); // 200,000 yuan × 3.00% × 92/365, rounded once
    for (const [i, l] of loans.entries()) {
      const payout = await findInterestPayout(interestRecordIdFor(l.id, '2020-Q3'));
      expect(payout?.payout).toMatchObject({
        status: 'payable',
        amountFen: expected[i],
        quarter: '2020-Q3',
      });
      expect((await getLoan(l.id)).loan.subsidisedQuarters).toEqual(['2020-Q3']);
    }
    expect(await getBudget(policyIdOf('startup-loan-interest'), 2020)).toMatchObject({
      reservedFen: expected[0]! + expected[1]!,
      paidFen: 0,
    });
  });

  it('a rerun (the schedule handler itself, twice) records nothing more', async () => {
    const rerun = await settleLoanInterest({
      now: SETTLEMENT_DAY,
      quarter: '2020-Q3',
      rates: RATES,
    });
    expect(rerun.outcomes).toEqual({ already_recorded: 2, no_account: 1 });
    const viaHandler = (await loanInterestSchedule()) as { quarter: string };
    expect(viaHandler.quarter).toMatch(/^\d{4}-Q[1-4]$/);
  });

  it('the disburse job pays each quarter once; a second run pays nothing', async () => {
    const first = await disburseDue({ now: new Date(SETTLEMENT_DAY.getTime() + 3_600_000) });
    expect(first.started).toEqual({ sent: 2 });
    const second = await disburseDue({ now: new Date(SETTLEMENT_DAY.getTime() + 7_200_000) });
    expect(second.started).toEqual({});
    for (const l of loans) {
      const id = interestRecordIdFor(l.id, '2020-Q3');
      expect((await findInterestPayout(id))?.payout.status).toBe('paid');
      expect(await paymentsOfItem(id)).toHaveLength(1);
    }
    const budget = await getBudget(policyIdOf('startup-loan-interest'), 2020);
    expect(budget?.reservedFen).toBe(0);
    expect(budget?.paidFen).toBe(fake.paidFen());
  });

  it('a quarter outside the policy window is refused once, with the reason (issue 13: the job applies the rules)', async () => {
    const r = await settleLoanInterest({
      now: new Date('2026-09-20T01:00:00Z'),
      quarter: '2026-Q3',
      rates: RATES,
    });
    expect(r.outcomes).toEqual({ refused: 3 });
    const loan = (await getLoan(loans[0]!.id)).loan;
    expect(loan.refusedQuarters).toEqual([
      expect.objectContaining({ quarter: '2026-Q3', code: 'NOT_ELIGIBLE' }),
    ]);
    expect(loan.refusedQuarters?.[0]?.reason).toContain('不符合贴息条件');
    expect(await findInterestPayout(interestRecordIdFor(loans[0]!.id, '2026-Q3'))).toBeUndefined();
    const again = await settleLoanInterest({
      now: new Date('2026-09-20T01:00:00Z'),
      quarter: '2026-Q3',
      rates: RATES,
    });
    expect(again.outcomes).toEqual({ already_recorded: 3 });
  });
});
