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
import { LoanDetail, LoanList } from '../../../shared/schemas/loan';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { applyFor, borrower, contractBody, staff, type Borrower, type Staff } from './support';

jest.setTimeout(90_000);

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
});
