/**
 * Issue 13: guarantee-company and bank staff accounts go through the staff / claim-code
 * machinery of issue 12: an admin creates a `guarantor` or `bank` account, the person claims it
 * with the one-time code, and the session decides that step (and only that one).
 */
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as claim } from '../../../functions/http/claim-staff/handler';
import { handler as createStaff } from '../../../functions/http/create-staff/handler';
import { handler as decideEligibility } from '../../../functions/http/decide-loan-eligibility/handler';
import { handler as decideGuarantee } from '../../../functions/http/decide-loan-guarantee/handler';
import { handler as decideLending } from '../../../functions/http/decide-loan-lending/handler';
import { call } from '../../support/http';
import { demoCounty, type DemoUser } from '../apply/setup';
import { applyFor, borrower, contractBody } from './support';

jest.setTimeout(180_000);

let demo: Record<DemoUser, string>;
beforeAll(async () => {
  demo = await demoCounty();
});

async function claimed(role: 'guarantor' | 'bank', wechat: string): Promise<string> {
  const made = await call(createStaff, 'POST /v1/admin/staff', {
    token: demo.admin01,
    body: { name: role === 'bank' ? '钱信贷' : '孙担保', role },
  });
  expect(made.status).toBe(201);
  expect(made.body.staff).toMatchObject({
    role: 'reviewer',
    department: role === 'bank' ? 'bank' : 'guarantee',
    reviewLevel: 1,
  });
  const ticket = await call(login, 'POST /v1/auth/login', { body: { wechatCode: `ok-${wechat}` } });
  expect(ticket.status).toBe(403);
  const res = await call(claim, 'POST /v1/bind/staff', {
    body: { ticket: ticket.body.error.details.bindingTicket, code: made.body.claimCode },
  });
  expect(res.status).toBe(200);
  return res.body.token;
}

it('an admin creates guarantor and bank accounts; once claimed they decide their own steps only', async () => {
  const guarantor = await claimed('guarantor', 'loan-guarantor-1');
  const bank = await claimed('bank', 'loan-bank-1');
  const b = await borrower(51);
  const loan = await applyFor(b);
  const params = { id: loan.id as string };
  const early = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
    token: bank,
    params,
    body: { decision: 'approve', feeRateBp: 100 },
  });
  expect(early.status).toBe(403);
  expect(
    (
      await call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
        token: demo.hrssl1,
        params,
        body: { decision: 'approve' },
      })
    ).status,
  ).toBe(200);
  const g = await call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
    token: guarantor,
    params,
    body: { decision: 'approve', feeRateBp: 100 },
  });
  expect(g.status).toBe(200);
  const l = await call(decideLending, 'POST /v1/loans/{id}/lending', {
    token: bank,
    params,
    body: contractBody(),
  });
  expect(l.status).toBe(200);
  expect(l.body.status).toBe('active');
});
