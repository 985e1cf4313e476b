/**
 * Issue 13, the demo on `npm start`: the guarantee and bank officers see their queues, a demo
 * loan waits at each stage, 刘建林 follows his active loan, and 张建军 can apply for ¥200,000.
 * Seeding twice changes nothing.
 */
import { handler as listLoans } from '../../../functions/http/list-loans/handler';
import { handler as getLoan } from '../../../functions/http/get-loan/handler';
import { handler as applyLoan } from '../../../functions/http/apply-loan/handler';
import { handler as loanStats } from '../../../functions/http/loan-stats/handler';
import { signSession } from '../../support/session';
import { LOAN_DEMO_USERS, seedLoanDemo } from '../../../infra/local/demo-loans';
import { actorOf } from '../../../shared/user';
import { call } from '../../support/http';
import { demoCounty, type DemoUser } from '../apply/setup';
import { ALL_MATERIALS, idem, must } from './support';

jest.setTimeout(180_000);

let demo: Record<DemoUser, string>;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  demo = await demoCounty();
  await seedLoanDemo();
  for (const u of LOAN_DEMO_USERS) tokens[u.id] = (await signSession(actorOf(u), new Date())).token;
});

const ids = async (token: string) => {
  const res = await call(listLoans, 'GET /v1/loans', { token });
  expect(res.status).toBe(200);
  return res.body.items.map((l: { id: string }) => l.id).sort();
};

it('each step’s officer sees the demo loan waiting for them', async () => {
  expect(await ids(demo.hrssl1)).toEqual(['loan_demo-submitted']);
  expect(await ids(must(tokens.usr_guarl1))).toEqual(['loan_demo-guarantee']);
  expect(await ids(must(tokens.usr_bankl1))).toEqual(['loan_demo-active', 'loan_demo-bank']);
  const stats = await call(loanStats, 'GET /v1/admin/loan-stats', { token: demo.admin01 });
  expect(stats.status).toBe(200);
  expect(stats.body.byStatus).toEqual({
    submitted: 1,
    guarantee_review: 1,
    bank_lending: 1,
    active: 1,
    repaid: 1,
  });
});

it('刘建林 follows his active loan: contract, schedule, timeline', async () => {
  const res = await call(getLoan, 'GET /v1/loans/{id}', {
    token: must(tokens.usr_liujl01),
    params: { id: 'loan_demo-active' },
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'active', contract: { annualRateBp: 435 } });
  expect(res.body.contract.schedule).toHaveLength(2);
  expect(res.body.timeline.length).toBeGreaterThanOrEqual(4);
});

it('张建军 applies for ¥200,000 on the demo; seeding again changes nothing', async () => {
  const res = await call(applyLoan, 'POST /v1/loans', {
    token: must(tokens.usr_zhangjj01),
    headers: { 'idempotency-key': idem('demo') },
    body: {
      requestedFen: 20_000_000,
      termMonths: 24,
      purpose: '开设汽车维修店',
      business: { name: '建军汽修', industry: 'other' },
      repaymentAccount: {
        source: 'new',
        accountName: '张建军',
        bankName: '甘肃银行高台支行',
        accountNumber: '6230270123456780030',
      },
      materials: ALL_MATERIALS(),
    },
  });
  expect(res.status).toBe(201);
  expect(await seedLoanDemo()).toEqual({ users: 4, loans: 0 });
  expect(await ids(demo.hrssl1)).toEqual([res.body.id, 'loan_demo-submitted'].sort());
});
