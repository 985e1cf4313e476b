/**
 * Issue 13, bad input: each gives a clear 4xx and nothing changes — amount above the ceiling
 * (naming it), not in a key group (with the explanation), a second open loan, missing required
 * materials, a fee or rate outside its cap, maturity before start, a schedule that does not add
 * up, a repayment for an unknown or closed loan, a decision by the wrong role, level or step,
 * and four eyes across steps.
 */
import { handler as applyLoan } from '../../../functions/http/apply-loan/handler';
import { handler as listLoans } from '../../../functions/http/list-loans/handler';
import { handler as decideEligibility } from '../../../functions/http/decide-loan-eligibility/handler';
import { handler as decideGuarantee } from '../../../functions/http/decide-loan-guarantee/handler';
import { handler as decideLending } from '../../../functions/http/decide-loan-lending/handler';
import { handler as bankEvent } from '../../../functions/http/record-loan-bank-event/handler';
import { findClaim } from '../../../functions/repositories/claims';
import { findLoan } from '../../../functions/repositories/loans';
import { policyIdOf } from '../../../shared/auto-grant';
import type { LoanId, UserId } from '../../../shared/ids';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  applyBody,
  applyFor,
  borrower,
  contractBody,
  driveToActive,
  idem,
  staff,
  staffToken,
  type Borrower,
  type Staff,
} from './support';

jest.setTimeout(240_000);

describe('loans: bad input is a clear 4xx and changes nothing', () => {
  let s: Staff;
  beforeAll(async () => {
    await freshTable();
    s = await staff();
  });

  async function nothingStored(b: Borrower) {
    const mine = await call(listLoans, 'GET /v1/loans', { token: b.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
    expect(
      await findClaim({
        policyId: policyIdOf('startup-loan'),
        subjectId: b.subjectId,
        period: 'once',
      }),
    ).toBeUndefined();
  }

  const apply = (b: Borrower, extra: Record<string, unknown> = {}) =>
    call(applyLoan, 'POST /v1/loans', {
      token: b.token,
      body: applyBody(b, extra),
      headers: { 'idempotency-key': idem('apply') },
    });

  it('an amount above the ceiling is 422 naming ¥200,000', async () => {
    const b = await borrower(31);
    const res = await apply(b, { requestedFen: 20_000_001 });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'OVER_CAP',
      details: { reason: 'OVER_CEILING', capFen: 20_000_000 },
    });
    expect(res.body.error.message).toContain('200,000');
    await nothingStored(b);
  });

  it('a person in no key group is 422 NOT_ELIGIBLE with the explanation', async () => {
    const b = await borrower(32, { keyGroup: false });
    const res = await apply(b);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NOT_ELIGIBLE');
    expect(res.body.error.details.explanation.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'key_group', passed: false })]),
    );
    await nothingStored(b);
  });

  it('malformed input, missing required materials, a term over 36 months: 400', async () => {
    const b = await borrower(33);
    for (const extra of [
      { requestedFen: 1.5 },
      { termMonths: 0 },
      { business: { name: '店', industry: 'casino' } },
      { materials: [] },
      { termMonths: 48 },
    ]) {
      const res = await apply(b, extra);
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
    }
    await nothingStored(b);
  });

  it('a second open loan is 409, and the first is untouched', async () => {
    const b = await borrower(34);
    const first = await applyFor(b);
    const res = await apply(b);
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe('OPEN_LOAN');
    const mine = await call(listLoans, 'GET /v1/loans', { token: b.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((l: { id: string }) => l.id)).toEqual([first.id]);
  });

  it('wrong role, wrong level, wrong step and four eyes are refused; the loan stays put', async () => {
    const b = await borrower(35);
    const loan = await applyFor(b);
    const params = { id: loan.id as string };
    const version = async () => (await findLoan(loan.id as LoanId))?.loan.version;
    const v0 = await version();

    const wrongStep = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params,
      body: { decision: 'approve', feeRateBp: 100 },
    });
    expect(wrongStep.status).toBe(409);
    const wrongLevel = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: await staffToken('hrss', 2),
      params,
      body: { decision: 'approve' },
    });
    expect(wrongLevel.status).toBe(403);
    expect(wrongLevel.body.error.details.reason).toBe('WRONG_LEVEL');
    const wrongDept = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: s.bank,
      params,
      body: { decision: 'approve' },
    });
    expect(wrongDept.status).toBe(403);
    expect(await version()).toBe(v0);

    // the 人社 reviewer, later moved to the guarantee company, may not decide the next step too
    const userId = 'usr_fourEyes01' as UserId;
    const ok = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: await staffToken('hrss', 1, userId),
      params,
      body: { decision: 'approve' },
    });
    expect(ok.status).toBe(200);
    const v1 = await version();
    const sameEyes = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: await staffToken('guarantee', 1, userId),
      params,
      body: { decision: 'approve', feeRateBp: 100 },
    });
    expect(sameEyes.status).toBe(403);
    expect(sameEyes.body.error.details.reason).toBe('FOUR_EYES');
    expect(await version()).toBe(v1);
  });

  it('a fee outside its cap (epidemic-control ≤ 1%, living-service ≤ 1.5%) is 422 naming the rule', async () => {
    for (const [k, industry, fee, capBp, rule] of [
      [36, 'epidemic_control', 101, 100, 'epidemic_control'],
      [37, 'living_service', 151, 150, 'living_service'],
      [38, 'catering', 201, 200, 'standard'],
    ] as const) {
      const b = await borrower(k);
      const loan = await applyFor(b, { business: { name: '项目', industry } });
      const params = { id: loan.id as string };
      expect(
        (
          await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
            token: s.hrss,
            params,
            body: { decision: 'approve' },
          })
        ).status,
      ).toBe(200);
      const v = (await findLoan(loan.id as LoanId))?.loan.version;
      const res = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
        token: s.guarantor,
        params,
        body: { decision: 'approve', feeRateBp: fee },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toMatchObject({ reason: 'FEE_OVER_CAP', capBp, rule });
      expect((await findLoan(loan.id as LoanId))?.loan.version).toBe(v);
    }
  });

  it('the bank’s contract: maturity before start, spread over cap, rate ≠ LPR + spread, schedule not adding up, principal over the guarantee', async () => {
    const b = await borrower(39);
    const loan = await applyFor(b, { requestedFen: 10_000_000 });
    const params = { id: loan.id as string };
    for (const [h, key, token, body] of [
      [decideEligibility, 'POST /v1/loans/{id}/eligibility', s.hrss, { decision: 'approve' }],
      [
        decideGuarantee,
        'POST /v1/loans/{id}/guarantee',
        s.guarantor,
        { decision: 'approve', feeRateBp: 100 },
      ],
    ] as const)
      expect((await call(h, key, { token, params, body })).status).toBe(200);
    const v = (await findLoan(loan.id as LoanId))?.loan.version;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ startOn: '2020-06-21', maturityOn: '2020-06-01' }, 400, 'MATURITY_BEFORE_START'],
      [{ spreadBp: 300, annualRateBp: 685 }, 422, 'SPREAD_OVER_CAP'],
      [{ annualRateBp: 500 }, 400, 'RATE_NOT_LPR_PLUS_SPREAD'],
      [{ schedule: [{ dueOn: '2021-06-20', principalFen: 1_000_000 }] }, 400, 'SCHEDULE_SUM'],
      [{ maturityOn: '2024-06-20' }, 400, 'TERM_TOO_LONG'],
    ];
    for (const [extra, status, reason] of cases) {
      const res = await call(decideLending, 'POST /v1/loans/{id}/lending', {
        token: s.bank,
        params,
        body: contractBody(10_000_000, extra),
      });
      expect({ reason, status: res.status, got: res.body.error?.details?.reason }).toEqual({
        reason,
        status,
        got: reason,
      });
    }
    const over = await call(decideLending, 'POST /v1/loans/{id}/lending', {
      token: s.bank,
      params,
      body: contractBody(12_000_000),
    });
    expect(over.status).toBe(422);
    expect(over.body.error.details.reason).toBe('OVER_GUARANTEED');
    expect((await findLoan(loan.id as LoanId))?.loan.version).toBe(v);
  });

  it('a repayment for an unknown loan is 404, for a closed one 409', async () => {
    const unknown = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id: 'loan_doesnotexist01' },
      body: { kind: 'repayment', ref: 'BAD-REPAY-0001', on: '2020-12-01', principalFen: 100 },
    });
    expect(unknown.status).toBe(404);
    const b = await borrower(40);
    const id = await driveToActive(b, s, 10_000_000);
    const paid = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id },
      body: {
        kind: 'repayment',
        ref: 'BAD-REPAY-0002',
        on: '2020-12-01',
        principalFen: 10_000_000,
      },
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('repaid');
    const v = (await findLoan(id as LoanId))?.loan.version;
    const closed = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id },
      body: { kind: 'repayment', ref: 'BAD-REPAY-0003', on: '2020-12-02', principalFen: 100 },
    });
    expect(closed.status).toBe(409);
    const tooMuch = await call(bankEvent, 'POST /v1/loans/{id}/bank-events', {
      token: s.bank,
      params: { id },
      body: { kind: 'arrears', ref: 'BAD-ARR-0001', dueOn: '2020-12-02', amountFen: 100 },
    });
    expect(tooMuch.status).toBe(409);
    expect((await findLoan(id as LoanId))?.loan.version).toBe(v);
  });
});
