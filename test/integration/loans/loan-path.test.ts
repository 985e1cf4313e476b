/**
 * Issue 13, the path: one ¥200,000 loan through every step to active over the real handlers —
 * 容缺 and its supplement, the 人社 review, the guarantee company's fee within the seed's caps
 * (the answer names the cap that applied) and its counter-guarantee request, the bank's contract —
 * then two quarters of 贴息 paid once each (a rerun pays nothing), to the bank (the policy setting).
 */
import { handler as getLoan } from '../../../functions/http/get-loan/handler';
import { handler as listLoans } from '../../../functions/http/list-loans/handler';
import { handler as supplementLoan } from '../../../functions/http/supplement-loan/handler';
import { handler as decideEligibility } from '../../../functions/http/decide-loan-eligibility/handler';
import { handler as decideGuarantee } from '../../../functions/http/decide-loan-guarantee/handler';
import { handler as decideLending } from '../../../functions/http/decide-loan-lending/handler';
import { handler as loanStats } from '../../../functions/http/loan-stats/handler';
import { findInterestPayout, getLoan as loadLoan } from '../../../functions/repositories/loans';
import { findClaim } from '../../../functions/repositories/claims';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { disburseDue } from '../../../functions/services/disburse';
import { settleLoanInterest } from '../../../functions/services/loan-interest';
import { policyIdOf } from '../../../shared/auto-grant';
import type { LoanId } from '../../../shared/ids';
import { contractRates, interestRecordIdFor } from '../../../shared/lifecycle/loan';
import { quarterInterestSubsidy } from '../../../shared/loan-interest';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { fakeTreasury } from '../money/support';
import {
  applyFor,
  BANK_ACCOUNT,
  borrower,
  contractBody,
  must,
  REQUIRED,
  roleToken,
  staff,
  upload,
  type Borrower,
  type Staff,
} from './support';

jest.setTimeout(180_000);

const Q3_RUN = new Date('2020-09-20T01:00:00Z'); // 09:00 Asia/Shanghai on the 结息日
const Q4_RUN = new Date('2020-12-20T01:00:00Z');

describe('a startup loan from the phone to 贴息', () => {
  let fake: FakeTreasury;
  let b: Borrower;
  let s: Staff;
  let id: string;
  const params = () => ({ id });

  beforeAll(async () => {
    await freshTable();
    fake = await fakeTreasury('ok');
    b = await borrower(1);
    s = await staff();
  });
  afterAll(() => fake.stop());

  it('applies for ¥200,000 with the key group shown; the missing certificate is 容缺', async () => {
    const loan = await applyFor(b, { materials: REQUIRED() });
    id = loan.id;
    expect(loan).toMatchObject({
      status: 'submitted',
      requestedFen: 20_000_000,
      capFen: 20_000_000,
      step: 'eligibility',
      missingMaterials: [{ materialId: 'group_certificate' }],
      repaymentAccount: { accountMasked: expect.stringMatching(/^\*+0030$/) },
    });
    expect(loan.explanation.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'key_group', passed: true })]),
    );
    expect(loan.timeline[0].text).toContain('容缺');
    // the claim is held by the loan: one open loan per person
    expect(
      await findClaim({
        policyId: policyIdOf('startup-loan'),
        subjectId: b.subjectId,
        period: 'once',
      }),
    ).toMatchObject({ holder: { kind: 'loan', id } });
  });

  it('人社 cannot approve before the 容缺 material arrives; after it, the loan goes to the guarantee company', async () => {
    const early = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: s.hrss,
      params: params(),
      body: { decision: 'approve' },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe('MATERIALS_MISSING');
    const queue = await call(listLoans, 'GET /v1/loans', { token: s.hrss });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((l: { id: string }) => l.id)).toContain(id);
    expect(queue.body.items[0].sla).toMatchObject({ step: 'eligibility', calendarKnown: true });

    const sup = await call(supplementLoan, 'POST /v1/loans/{id}/supplement', {
      token: b.token,
      params: params(),
      body: { materials: [upload('group_certificate')] },
    });
    expect(sup.status).toBe(200);
    expect(sup.body.missingMaterials).toEqual([]);
    const approved = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: s.hrss,
      params: params(),
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'guarantee_review', step: 'guarantee' });
  });

  it('the guarantee company asks for counter-guarantee, then approves within the hard-hit cap (named)', async () => {
    const ask = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params: params(),
      body: { decision: 'counter_guarantee', note: '请提供一名公职人员反担保' },
    });
    expect(ask.status).toBe(200);
    expect(ask.body.counterGuarantee).toMatchObject({
      note: '请提供一名公职人员反担保',
      providedAt: null,
    });
    const tooSoon = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params: params(),
      body: { decision: 'approve', feeRateBp: 100 },
    });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.details.reason).toBe('COUNTER_GUARANTEE_PENDING');
    const given = await call(supplementLoan, 'POST /v1/loans/{id}/supplement', {
      token: b.token,
      params: params(),
      body: { materials: [upload('counter_guarantee')] },
    });
    expect(given.status).toBe(200);

    // hard hit: the standard 2.00% less 0.5 points = 1.50%; 1.60% is over it
    const over = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params: params(),
      body: { decision: 'approve', feeRateBp: 160, hardHit: true },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.details).toMatchObject({
      reason: 'FEE_OVER_CAP',
      capBp: 150,
      rule: 'hard_hit',
    });
    const ok = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params: params(),
      body: { decision: 'approve', feeRateBp: 150, hardHit: true },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'bank_lending',
      guaranteedFen: 20_000_000,
      guaranteeFee: { feeRateBp: 150, capBp: 150, rule: 'hard_hit' },
    });
    expect(ok.body.guaranteeFee.ruleLabel).toContain('0.5');
  });

  it('the bank lends and records the contract (LPR + spread, schedule): the loan is active', async () => {
    const res = await call(decideLending, 'POST /v1/loans/{id}/lending', {
      token: s.bank,
      params: params(),
      body: contractBody(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'active',
      principalFen: 20_000_000,
      outstandingFen: 20_000_000,
      lentOn: '2020-06-21',
      contract: { lprBp: 385, spreadBp: 50, annualRateBp: 435 },
    });
    const mine = await call(getLoan, 'GET /v1/loans/{id}', { token: b.token, params: params() });
    expect(mine.status).toBe(200);
    expect(mine.body.contract.schedule).toHaveLength(2);
    expect(mine.body.borrower).toBeNull(); // the borrower's own view carries no ID number
    const texts = mine.body.timeline.map((e: { text: string }) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('人社局资格审核通过'),
        expect.stringContaining('担保公司同意担保'),
        expect.stringContaining('合作银行放款'),
      ]),
    );
    const asStaff = await call(getLoan, 'GET /v1/loans/{id}', { token: s.bank, params: params() });
    expect(asStaff.status).toBe(200);
    expect(asStaff.body.borrower.idMasked).not.toContain(b.code.slice(6, 14));
  });

  it('two quarters of 贴息, each paid once to the bank; rerunning the job pays nothing', async () => {
    const q3 = await settleLoanInterest({ now: Q3_RUN, quarter: '2020-Q3' });
    expect(q3.outcomes).toEqual({ recorded: 1 });
    const q4 = await settleLoanInterest({ now: Q4_RUN, quarter: '2020-Q4' });
    expect(q4.outcomes).toEqual({ recorded: 1 });
    expect((await settleLoanInterest({ now: Q3_RUN, quarter: '2020-Q3' })).outcomes).toEqual({
      already_recorded: 1,
    });
    expect((await settleLoanInterest({ now: Q4_RUN, quarter: '2020-Q4' })).outcomes).toEqual({
      already_recorded: 1,
    });

    const { loan } = await loadLoan(id as LoanId);
    const rates = must(contractRates(loan, 10_000));
    for (const [qtr, days] of [
      ['2020-Q3', 92],
      ['2020-Q4', 91],
    ] as const) {
      const expected = quarterInterestSubsidy(
        { lentOn: must(loan.lentOn), principalFen: must(loan.principalFen), repayments: [] },
        qtr,
        rates,
      );
      const payout = must(await findInterestPayout(interestRecordIdFor(id as LoanId, qtr))).payout;
      expect(payout).toMatchObject({ status: 'payable', days, amountFen: expected.amountFen });
      expect(payout.payee.accountNumber).toBe(BANK_ACCOUNT.accountNumber);
    }
    // 200,000 × 4.35% × 92 / 365, rounded once
    expect(
      must(await findInterestPayout(interestRecordIdFor(id as LoanId, '2020-Q3'))).payout.amountFen,
    ).toBe(219_288);

    const first = await disburseDue({ now: new Date(Q4_RUN.getTime() + 3_600_000) });
    expect(first.started).toEqual({ sent: 2 });
    const again = await disburseDue({ now: new Date(Q4_RUN.getTime() + 7_200_000) });
    expect(again.started).toEqual({});
    for (const qtr of ['2020-Q3', '2020-Q4'] as const) {
      const rid = interestRecordIdFor(id as LoanId, qtr);
      expect((await findInterestPayout(rid))?.payout.status).toBe('paid');
      expect(await paymentsOfItem(rid)).toHaveLength(1);
    }
    const mine = await call(getLoan, 'GET /v1/loans/{id}', { token: b.token, params: params() });
    expect(mine.status).toBe(200);
    expect(mine.body.interest).toEqual([
      expect.objectContaining({ quarter: '2020-Q3', amountFen: 219_288, status: 'paid' }),
      expect.objectContaining({ quarter: '2020-Q4', status: 'paid' }),
    ]);
  });

  it('the admin dashboard counts the loan: by stage, lent, 贴息 per quarter, exposure', async () => {
    const res = await call(loanStats, 'GET /v1/admin/loan-stats', {
      token: await roleToken('admin'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 1,
      byStatus: { active: 1 },
      lentCount: 1,
      lentFen: 20_000_000,
      guaranteeExposureFen: 20_000_000,
      overdueRateBp: 0,
      defaultRateBp: 0,
    });
    expect(res.body.interestByQuarter.map((q: { quarter: string }) => q.quarter)).toEqual([
      '2020-Q3',
      '2020-Q4',
    ]);
  });
});
