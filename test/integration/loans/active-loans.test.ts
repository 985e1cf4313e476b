/**
 * Issue 13, active loans: the bank's events through the staff route and the feed (each bank
 * reference applied once), a loan repaid mid-quarter gets 贴息 for its days only, a quarter with
 * arrears beyond the policy's threshold is refused with the reason, deferral inside the window,
 * default → 代偿, and the claim given back when a loan is repaid.
 */
import { handler as bankEvent } from '../../../functions/http/record-loan-bank-event/handler';
import { handler as bankFeed } from '../../../functions/http/import-bank-loan-feed/handler';
import { handler as compensation } from '../../../functions/http/record-loan-compensation/handler';
import { handler as getLoan } from '../../../functions/http/get-loan/handler';
import { handler as loanStats } from '../../../functions/http/loan-stats/handler';
import { findClaim } from '../../../functions/repositories/claims';
import { findInterestPayout, getLoan as loadLoan } from '../../../functions/repositories/loans';
import { settleLoanInterest } from '../../../functions/services/loan-interest';
import { policyIdOf } from '../../../shared/auto-grant';
import { localDate } from '../../../shared/calendar';
import type { LoanId } from '../../../shared/ids';
import { contractRates, interestRecordIdFor } from '../../../shared/lifecycle/loan';
import { quarterInterestSubsidy } from '../../../shared/loan-interest';
import { fen } from '../../../shared/money';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  borrower,
  driveToActive,
  must,
  roleToken,
  staff,
  type Borrower,
  type Staff,
} from './support';

jest.setTimeout(240_000);

const Q3_RUN = new Date('2020-09-20T01:00:00Z');
const Q4_RUN = new Date('2020-12-20T01:00:00Z');

describe('active loans: the bank’s events, proration, overdue quarters, default', () => {
  let s: Staff;
  let repaidMid: { b: Borrower; id: string };
  let overdue: { b: Borrower; id: string };
  let defaulted: { b: Borrower; id: string };

  beforeAll(async () => {
    await freshTable();
    s = await staff();
    const [b1, b2, b3] = [await borrower(11), await borrower(12), await borrower(13)];
    repaidMid = { b: b1, id: await driveToActive(b1, s, 10_000_000) };
    overdue = { b: b2, id: await driveToActive(b2, s, 10_000_000) };
    defaulted = { b: b3, id: await driveToActive(b3, s, 10_000_000) };
  });

  it('the bank feed applies each line once: a rerun of the same feed changes nothing', async () => {
    const feed = {
      events: [
        // the whole principal back on 2020-11-05, mid-Q4 (09-21 … 12-20)
        {
          loanId: repaidMid.id,
          kind: 'repayment',
          ref: 'GSB-REPAY-0001',
          on: '2020-11-05',
          principalFen: 10_000_000,
        },
        // an instalment due 07-20 never paid: 62 days overdue at the Q3 结息日
        {
          loanId: overdue.id,
          kind: 'arrears',
          ref: 'GSB-ARR-0001',
          dueOn: '2020-07-20',
          amountFen: 500_000,
        },
      ],
    };
    const bankToken = s.bank;
    const first = await call(bankFeed, 'POST /v1/bank/loan-feed', { token: bankToken, body: feed });
    expect(first.status).toBe(200);
    expect(first.body.tally).toEqual({ applied: 2 });
    const before = (await loadLoan(repaidMid.id as LoanId)).loan;
    expect(before).toMatchObject({ status: 'repaid', endedOn: '2020-11-05' });

    const again = await call(bankFeed, 'POST /v1/bank/loan-feed', {
      token: await roleToken('admin'),
      body: feed,
    });
    expect(again.status).toBe(200);
    expect(again.body.tally).toEqual({ duplicate: 2 });
    expect((await loadLoan(repaidMid.id as LoanId)).loan.version).toBe(before.version);
    // repaid: the claim is given back, the person may apply again
    expect(
      await findClaim({
        policyId: policyIdOf('startup-loan'),
        subjectId: repaidMid.b.subjectId,
        period: 'once',
      }),
    ).toBeUndefined();
  });

  it('a duplicate bank reference on the staff route is 409 and nothing changes', async () => {
    const before = (await loadLoan(overdue.id as LoanId)).loan;
    const dup = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id: overdue.id },
      body: { kind: 'repayment', ref: 'GSB-ARR-0001', on: '2020-08-01', principalFen: 100 },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe('BANK_REF_SEEN');
    // the same reference used on another loan: refused too (references are unique per bank)
    const other = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id: defaulted.id },
      body: { kind: 'repayment', ref: 'GSB-ARR-0001', on: '2020-08-01', principalFen: 100 },
    });
    expect(other.status).toBe(409);
    expect((await loadLoan(overdue.id as LoanId)).loan.version).toBe(before.version);
    expect((await loadLoan(defaulted.id as LoanId)).loan.repayments).toEqual([]);
  });

  it('Q3: the overdue loan is refused with the reason; the others are paid', async () => {
    const r = await settleLoanInterest({ now: Q3_RUN, quarter: '2020-Q3' });
    expect(r.outcomes).toEqual({ recorded: 2, refused: 1 });
    const loan = (await loadLoan(overdue.id as LoanId)).loan;
    expect(loan.refusedQuarters).toEqual([
      expect.objectContaining({ quarter: '2020-Q3', code: 'OVERDUE' }),
    ]);
    expect(loan.refusedQuarters?.[0]?.reason).toContain('逾期62天');
    expect(
      await findInterestPayout(interestRecordIdFor(overdue.id as LoanId, '2020-Q3')),
    ).toBeUndefined();
    const view = await call(getLoan, 'GET /v1/loans/{id}', {
      token: overdue.b.token,
      params: { id: overdue.id },
    });
    expect(view.status).toBe(200);
    expect(view.body.timeline.map((e: { text: string }) => e.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('2020-Q3 不予贴息：本季度逾期62天')]),
    );
    // rerun: refused once, paid once
    expect((await settleLoanInterest({ now: Q3_RUN, quarter: '2020-Q3' })).outcomes).toEqual({
      already_recorded: 3,
    });
  });

  it('Q4: the loan repaid on 11-05 gets 贴息 for its 45 days only, then leaves the work list', async () => {
    // the defaulted-to-be loan defaults first (bank staff), so Q4 pays only the repaid one
    const def = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id: defaulted.id },
      body: { kind: 'default', ref: 'GSB-DEF-0001', on: '2020-12-01', reason: '连续三期未还款' },
    });
    expect(def.status).toBe(200);
    expect(def.body.status).toBe('defaulted');

    const r = await settleLoanInterest({ now: Q4_RUN, quarter: '2020-Q4' });
    expect(r.outcomes).toEqual({ recorded: 1, refused: 1 });
    const loan = (await loadLoan(repaidMid.id as LoanId)).loan;
    const expected = quarterInterestSubsidy(
      {
        lentOn: must(loan.lentOn),
        principalFen: must(loan.principalFen),
        repayments: loan.repayments,
      },
      '2020-Q4',
      must(contractRates(loan, 10_000)),
    );
    expect(expected.days).toBe(45); // 09-21 … 11-04: the repayment day stops accrual
    const payout = must(
      await findInterestPayout(interestRecordIdFor(repaidMid.id as LoanId, '2020-Q4')),
    ).payout;
    expect(payout).toMatchObject({ days: 45, amountFen: expected.amountFen });
    // 100,000 × 4.35% × 45 / 365 = 536.30
    expect(payout.amountFen).toBe(53_630);
    // decided: the repaid loan is no longer on the schedule's list
    expect((await settleLoanInterest({ now: Q4_RUN, quarter: '2021-Q1' })).outcomes).toEqual({
      refused: 1,
    });
  });

  it('default → the guarantee fund’s 代偿 is recorded once, at most the outstanding principal', async () => {
    const wrongRole = await call(compensation, 'POST /v1/loans/{id}/compensation', {
      token: s.bank,
      params: { id: defaulted.id },
      body: { amountFen: 10_000_000, on: '2020-12-10' },
    });
    expect(wrongRole.status).toBe(403);
    const tooMuch = await call(compensation, 'POST /v1/loans/{id}/compensation', {
      token: s.guarantor,
      params: { id: defaulted.id },
      body: { amountFen: 10_000_001, on: '2020-12-10' },
    });
    expect(tooMuch.status).toBe(400);
    const ok = await call(compensation, 'POST /v1/loans/{id}/compensation', {
      token: s.guarantor,
      params: { id: defaulted.id },
      body: { amountFen: 10_000_000, on: '2020-12-10' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.compensation).toEqual({ amountFen: 10_000_000, on: '2020-12-10' });
    const twice = await call(compensation, 'POST /v1/loans/{id}/compensation', {
      token: s.guarantor,
      params: { id: defaulted.id },
      body: { amountFen: 1, on: '2020-12-11' },
    });
    expect(twice.status).toBe(409);
  });

  it('deferral only inside the policy window, never past the end of next March', async () => {
    const tooLong = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id: overdue.id },
      body: { kind: 'deferral', ref: 'GSB-DEFER-0001', on: '2020-12-01', untilOn: '2021-06-30' },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details.reason).toBe('DEFERRAL_TOO_LONG');
    const ok = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id: overdue.id },
      body: { kind: 'deferral', ref: 'GSB-DEFER-0002', on: '2020-12-01', untilOn: '2021-03-31' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.deferral).toEqual({ untilOn: '2021-03-31', grantedOn: '2020-12-01' });
  });

  it('stats: overdue and default rates, compensation, exposure', async () => {
    const res = await call(loanStats, 'GET /v1/admin/loan-stats', {
      token: await roleToken('auditor'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 3,
      byStatus: { repaid: 1, active: 1, defaulted: 1 },
      lentCount: 3,
      lentFen: 30_000_000,
      activeCount: 1,
      overdueCount: 1,
      overdueRateBp: 10_000,
      defaultCount: 1,
      defaultRateBp: 3_333,
      guaranteeExposureFen: 10_000_000,
      compensatedFen: 10_000_000,
    });
    expect(fen(res.body.interestByQuarter[0].recordedFen)).toBeGreaterThan(0);
    expect(localDate(res.body.asOf)).toBe('2020-12-15');
  });
});
