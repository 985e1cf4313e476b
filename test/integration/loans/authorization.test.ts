/**
 * Issue 13: the authorisation matrix over every new route × role — the borrower, an applicant
 * of another subject, a reviewer of another department (财政局), 人社局, the guarantee company,
 * the bank, admin, auditor. Every refused call leaves the loan as it was.
 */
import { handler as applyLoan } from '../../../functions/http/apply-loan/handler';
import { handler as listLoans } from '../../../functions/http/list-loans/handler';
import { handler as getLoan } from '../../../functions/http/get-loan/handler';
import { handler as supplementLoan } from '../../../functions/http/supplement-loan/handler';
import { handler as decideEligibility } from '../../../functions/http/decide-loan-eligibility/handler';
import { handler as decideGuarantee } from '../../../functions/http/decide-loan-guarantee/handler';
import { handler as decideLending } from '../../../functions/http/decide-loan-lending/handler';
import { handler as bankEvent } from '../../../functions/http/record-loan-bank-event/handler';
import { handler as compensation } from '../../../functions/http/record-loan-compensation/handler';
import { handler as bankFeed } from '../../../functions/http/import-bank-loan-feed/handler';
import { handler as loanStats } from '../../../functions/http/loan-stats/handler';
import { findLoan } from '../../../functions/repositories/loans';
import type { LoanId } from '../../../shared/ids';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  applyBody,
  applyFor,
  borrower,
  contractBody,
  REQUIRED,
  roleToken,
  staff,
  staffToken,
  upload,
  type Borrower,
  type Staff,
} from './support';

jest.setTimeout(240_000);

const ROLES = [
  'owner',
  'otherApplicant',
  'hrss',
  'finance',
  'guarantor',
  'bank',
  'admin',
  'auditor',
] as const;
type Role = (typeof ROLES)[number];

type Route = {
  name: string;
  handler: Parameters<typeof call>[0];
  routeKey: string;
  /** the loan it acts on (its version must not move on a refusal) */
  loan?: () => string;
  body?: (who: Role) => unknown;
  expect: Record<Role, number>;
};

const ONLY = (role: Role, ok: number, others = 403): Record<Role, number> =>
  Object.fromEntries(ROLES.map((r) => [r, r === role ? ok : others])) as Record<Role, number>;

describe('loans: who may call which route', () => {
  let s: Staff;
  let owner: Borrower;
  let other: Borrower;
  const tokens = {} as Record<Role, string>;
  const loans = {} as Record<'sub' | 'guar' | 'bank' | 'active' | 'def', string>;

  async function advance(b: Borrower, to: keyof typeof loans) {
    const loan = await applyFor(b, to === 'sub' ? { materials: REQUIRED() } : {});
    const params = { id: loan.id as string };
    const stepCall = async (h: Route['handler'], key: string, token: string, body: unknown) => {
      const r = await call(h, key, { token, params, body });
      expect(r.status).toBe(200);
    };
    if (to !== 'sub')
      await stepCall(decideEligibility, 'POST /v1/loans/{id}/eligibility', s.hrss, {
        decision: 'approve',
      });
    if (to !== 'sub' && to !== 'guar')
      await stepCall(decideGuarantee, 'POST /v1/loans/{id}/guarantee', s.guarantor, {
        decision: 'approve',
        feeRateBp: 100,
      });
    if (to === 'active' || to === 'def')
      await stepCall(decideLending, 'POST /v1/loans/{id}/lending', s.bank, contractBody());
    if (to === 'def')
      await stepCall(bankEvent, 'POST /v1/loans/{id}/bank-events', s.bank, {
        kind: 'default',
        ref: 'AUTHZ-DEF-01',
        on: '2020-12-01',
        reason: '连续三期未还款',
      });
    return loan.id as string;
  }

  beforeAll(async () => {
    await freshTable();
    s = await staff();
    owner = await borrower(21);
    other = await borrower(22);
    Object.assign(tokens, {
      owner: owner.token,
      otherApplicant: other.token,
      hrss: s.hrss,
      finance: await staffToken('finance', 1),
      guarantor: s.guarantor,
      bank: s.bank,
      admin: await roleToken('admin'),
      auditor: await roleToken('auditor'),
    });
    // the owner holds one loan at a time: the others belong to further borrowers, viewed by staff
    loans.sub = await advance(owner, 'sub');
    loans.guar = await advance(await borrower(24), 'guar');
    loans.bank = await advance(await borrower(25), 'bank');
    loans.active = await advance(await borrower(26), 'active');
    loans.def = await advance(await borrower(27), 'def');
  });

  const routes: Route[] = [
    {
      name: 'POST /v1/loans',
      handler: applyLoan,
      routeKey: 'POST /v1/loans',
      body: (who) => applyBody(who === 'otherApplicant' ? other : owner),
      // applicants only, each for their own subject: the owner already has an open loan (409)
      expect: { ...ONLY('owner', 409), otherApplicant: 201 },
    },
    {
      name: 'GET /v1/loans',
      handler: listLoans,
      routeKey: 'GET /v1/loans',
      expect: { ...ONLY('owner', 200, 200), finance: 403 },
    },
    {
      name: 'GET /v1/loans/{id}',
      handler: getLoan,
      routeKey: 'GET /v1/loans/{id}',
      loan: () => loans.sub,
      expect: { ...ONLY('owner', 200, 200), otherApplicant: 404, finance: 403 },
    },
    {
      name: 'POST /v1/loans/{id}/supplement',
      handler: supplementLoan,
      routeKey: 'POST /v1/loans/{id}/supplement',
      loan: () => loans.sub,
      body: () => ({ materials: [upload('group_certificate')] }),
      expect: { ...ONLY('owner', 200), otherApplicant: 404 },
    },
    {
      name: 'POST /v1/loans/{id}/eligibility',
      handler: decideEligibility,
      routeKey: 'POST /v1/loans/{id}/eligibility',
      loan: () => loans.sub,
      body: () => ({ decision: 'reject', reason: '授权测试' }),
      expect: ONLY('hrss', 200),
    },
    {
      name: 'POST /v1/loans/{id}/guarantee',
      handler: decideGuarantee,
      routeKey: 'POST /v1/loans/{id}/guarantee',
      loan: () => loans.guar,
      body: () => ({ decision: 'approve', feeRateBp: 100 }),
      expect: ONLY('guarantor', 200),
    },
    {
      name: 'POST /v1/loans/{id}/lending',
      handler: decideLending,
      routeKey: 'POST /v1/loans/{id}/lending',
      loan: () => loans.bank,
      body: () => contractBody(),
      expect: ONLY('bank', 200),
    },
    {
      name: 'POST /v1/loans/{id}/bank-events',
      handler: bankEvent,
      routeKey: 'POST /v1/loans/{id}/bank-events',
      loan: () => loans.active,
      body: (who) => ({
        kind: 'repayment',
        ref: `AUTHZ-REPAY-${who}`,
        on: '2020-12-01',
        principalFen: 100_000,
      }),
      expect: ONLY('bank', 200),
    },
    {
      name: 'POST /v1/loans/{id}/compensation',
      handler: compensation,
      routeKey: 'POST /v1/loans/{id}/compensation',
      loan: () => loans.def,
      body: () => ({ amountFen: 100_000, on: '2020-12-10' }),
      expect: ONLY('guarantor', 200),
    },
    {
      name: 'POST /v1/bank/loan-feed',
      handler: bankFeed,
      routeKey: 'POST /v1/bank/loan-feed',
      loan: () => loans.active,
      body: (who) => ({
        events: [
          {
            loanId: loans.active,
            kind: 'repayment',
            ref: `AUTHZ-FEED-${who}`,
            on: '2020-12-02',
            principalFen: 100_000,
          },
        ],
      }),
      expect: { ...ONLY('bank', 200), admin: 200 },
    },
    {
      name: 'GET /v1/admin/loan-stats',
      handler: loanStats,
      routeKey: 'GET /v1/admin/loan-stats',
      expect: { ...ONLY('admin', 200), auditor: 200 },
    },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    // refusals first (nothing may change), then the allowed callers
    const order = [...ROLES].sort(
      (a, b) => Number(route.expect[a] < 300) - Number(route.expect[b] < 300),
    );
    for (const who of order) {
      const id = route.loan?.();
      const before = id ? (await findLoan(id as LoanId))?.loan.version : undefined;
      const res = await call(route.handler, route.routeKey, {
        token: tokens[who],
        ...(id ? { params: { id } } : {}),
        ...(route.body ? { body: route.body(who) } : {}),
      });
      expect({ who, status: res.status }).toEqual({ who, status: route.expect[who] });
      if (res.status >= 400) {
        expect(res.body.error.code).toEqual(expect.any(String));
        if (id) expect((await findLoan(id as LoanId))?.loan.version).toBe(before);
      }
    }
  });
});
