/**
 * Issue 13, the mini-app's reading of the loan answers: every list and detail the pages open
 * (the borrower's, the 人社, guarantee and bank queues, each step's answer) parses with the shared
 * answer schemas (shared/schemas/loan LoanList / LoanDetail), staff rows name the borrower with
 * the ID number masked, and the detail carries the fee caps that apply to this borrower's trade.
 */
import { handler as getLoan } from '../../../functions/http/get-loan/handler';
import { handler as listLoans } from '../../../functions/http/list-loans/handler';
import { handler as decideEligibility } from '../../../functions/http/decide-loan-eligibility/handler';
import { handler as decideGuarantee } from '../../../functions/http/decide-loan-guarantee/handler';
import { handler as decideLending } from '../../../functions/http/decide-loan-lending/handler';
import { handler as setParameter } from '../../../functions/http/set-parameter/handler';
import { handler as decideParameterValue } from '../../../functions/http/decide-parameter-value/handler';
import { TEST_BUSINESS_DATE } from '../../support/env';
import { LoanDetailView as LoanDetail, LoanList } from '../../../shared/schemas/loan';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  applyFor,
  borrower,
  contractBody,
  roleToken,
  staff,
  type Borrower,
  type Staff,
} from './support';

jest.setTimeout(180_000);

describe('loan answers as the mini-app reads them', () => {
  let b: Borrower;
  let s: Staff;

  beforeAll(async () => {
    await freshTable();
    b = await borrower(71);
    s = await staff();
  });

  async function list(token: string) {
    const res = await call(listLoans, 'GET /v1/loans', { token });
    expect(res.status).toBe(200);
    return LoanList.parse(res.body);
  }

  it('parses every list and detail from apply to active; staff see the borrower, masked', async () => {
    const applied = LoanDetail.parse(
      await applyFor(b, { business: { name: '生活服务小店', industry: 'living_service' } }),
    );
    expect(applied.borrower).toBeNull();
    // the living-service cap (1.5 %) is lower than the standard 2 %; hard-hit is 2 % − 0.5 = 1.5 %
    expect(applied.terms.feeCap.standard).toMatchObject({ capBp: 150, rule: 'living_service' });
    expect(applied.terms.feeCap.hardHit.capBp).toBe(150);
    expect(applied.terms.maxSpreadBp).toBe(250);

    const own = await list(b.token);
    expect(own.items.map((l) => l.id)).toEqual([applied.id]);
    expect(own.items[0]?.borrower).toBeNull();
    expect(own.items[0]?.businessName).toBe('生活服务小店');

    const hrssQueue = await list(s.hrss);
    const row = hrssQueue.items.find((l) => l.id === applied.id);
    expect(row?.borrower?.name).toBe(b.name);
    expect(row?.borrower?.idMasked).not.toContain(b.code.slice(6, 14));
    expect(row?.sla).toMatchObject({ step: 'eligibility' });

    const params = { id: applied.id };
    const e = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: s.hrss,
      params,
      body: { decision: 'approve' },
    });
    expect(e.status).toBe(200);
    expect(LoanDetail.parse(e.body).status).toBe('guarantee_review');
    expect((await list(s.guarantor)).items.some((l) => l.id === applied.id)).toBe(true);

    const g = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params,
      body: { decision: 'approve', feeRateBp: 150 },
    });
    expect(g.status).toBe(200);
    expect(LoanDetail.parse(g.body).guaranteeFee).toMatchObject({ feeRateBp: 150, capBp: 150 });

    const l = await call(decideLending, 'POST /v1/loans/{id}/lending', {
      token: s.bank,
      params,
      body: contractBody(),
    });
    expect(l.status).toBe(200);
    const active = LoanDetail.parse(l.body);
    expect(active.status).toBe('active');
    expect(active.contract?.annualRateBp).toBe(435);
    expect((await list(s.bank)).items.find((x) => x.id === applied.id)?.status).toBe('active');

    const mine = await call(getLoan, 'GET /v1/loans/{id}', { token: b.token, params });
    expect(mine.status).toBe(200);
    const detail = LoanDetail.parse(mine.body);
    expect(detail.contract?.schedule).toHaveLength(2);
    expect(detail.timeline.map((t) => t.text).join('\n')).toContain('合作银行放款');
  });

  it('the fee caps and spread cap are dated studio parameters: a new value from today binds the steps', async () => {
    const admin = await roleToken('admin');
    const second = await roleToken('admin'); // a new value takes a second admin's approval
    const set = async (name: string, value: number) => {
      const proposed = await call(setParameter, 'PUT /v1/admin/parameters/{name}', {
        token: admin,
        params: { name },
        body: { from: TEST_BUSINESS_DATE, value },
      });
      expect(proposed.status).toBe(200);
      return call(decideParameterValue, 'POST /v1/admin/parameters/{name}/{from}/{action}', {
        token: second,
        params: { name, from: TEST_BUSINESS_DATE, action: 'approve' },
      });
    };
    expect((await set('startup-loan.guarantee-fee-living-service-cap', 120)).status).toBe(200);
    expect((await set('startup-loan.spread-cap', 100)).status).toBe(200);

    const other = await borrower(72);
    const applied = LoanDetail.parse(
      await applyFor(other, { business: { name: '社区家政', industry: 'living_service' } }),
    );
    expect(applied.terms.feeCap.standard).toMatchObject({ capBp: 120, rule: 'living_service' });
    expect(applied.terms.maxSpreadBp).toBe(100);
    const params = { id: applied.id };
    const e = await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: s.hrss,
      params,
      body: { decision: 'approve' },
    });
    expect(e.status).toBe(200);

    // 1.5 % was the seed's cap; from today the county's is 1.2 %
    const over = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params,
      body: { decision: 'approve', feeRateBp: 150 },
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: 'OVER_CAP',
      details: { reason: 'FEE_OVER_CAP', capBp: 120, rule: 'living_service' },
    });
    const g = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params,
      body: { decision: 'approve', feeRateBp: 120 },
    });
    expect(g.status).toBe(200);

    // LPR + 50 BP was within the seed's 250; from today the spread may be at most 100 BP
    const wide = await call(decideLending, 'POST /v1/loans/{id}/lending', {
      token: s.bank,
      params,
      body: contractBody(20_000_000, { spreadBp: 150, annualRateBp: 535 }),
    });
    expect(wide.status).toBe(422);
    expect(wide.body.error).toMatchObject({
      code: 'OVER_CAP',
      details: { reason: 'SPREAD_OVER_CAP', maxSpreadBp: 100 },
    });
    const lent = await call(decideLending, 'POST /v1/loans/{id}/lending', {
      token: s.bank,
      params,
      body: contractBody(),
    });
    expect(lent.status).toBe(200);
  });
});
