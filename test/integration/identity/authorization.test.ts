/**
 * The authorisation matrix of issue 12's routes: every new route × every caller — no token, a
 * forged token, a resident, an enterprise's manager, its operator, another enterprise's
 * operator, a reviewer, an admin, an auditor and a disabled user — asserting the exact status.
 * Plus the new roles on a few existing routes. Logout is last: it ends the callers' sessions.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as refresh } from '../../../functions/http/auth-refresh/handler';
import { handler as logout } from '../../../functions/http/auth-logout/handler';
import { handler as bindResident } from '../../../functions/http/bind-resident/handler';
import { handler as bindEnterprise } from '../../../functions/http/bind-enterprise/handler';
import { handler as bindOperator } from '../../../functions/http/bind-operator/handler';
import { handler as claimStaff } from '../../../functions/http/claim-staff/handler';
import { handler as createInvite } from '../../../functions/http/create-invite/handler';
import { handler as listMembers } from '../../../functions/http/list-members/handler';
import { handler as removeOperator } from '../../../functions/http/remove-operator/handler';
import { handler as createStaff } from '../../../functions/http/create-staff/handler';
import { handler as listStaff } from '../../../functions/http/list-staff/handler';
import { handler as changeStaff } from '../../../functions/http/change-staff/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import {
  startFakeEnterpriseRegistry,
  type FakeEnterpriseRegistry,
} from '../../../infra/fakes/enterprise-registry';
import { idNumberCheckChar, usccCheckChar } from '../../../shared/subject';
import { demoCounty } from '../apply/setup';

type Handler = (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;
const CALLERS = [
  'none',
  'bad',
  'resident',
  'manager',
  'operator',
  'otherOperator',
  'reviewer',
  'admin',
  'auditor',
  'disabled',
] as const;
type Caller = (typeof CALLERS)[number];

let fake: FakeEnterpriseRegistry;
let tokens: Record<Caller, string | undefined>;
let otherOperatorId: string;

const ID = (() => {
  const f = '62072419850505123';
  return f + idNumberCheckChar(f);
})();
let n = 0;
const uscc = () => {
  const f = `91620724MB${String(9000 + n++).padStart(7, '0')}`;
  return f + usccCheckChar(f);
};
async function ticketFor(code: string): Promise<string> {
  const res = await call(login, 'POST /v1/auth/login', { body: { wechatCode: `ok-${code}` } });
  if (res.status !== 403) throw new Error(`login ${code}: ${res.status}`);
  return res.body.error.details.bindingTicket;
}
async function enterpriseWithOperator(label: string) {
  const m = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
    body: {
      ticket: await ticketFor(`${label}-m`),
      uscc: uscc(),
      legalRepName: '冯法人',
      legalRepIdNumber: ID,
      phone: '13600136000',
    },
  });
  const code = (await call(createInvite, 'POST /v1/enterprise/invites', { token: m.body.token }))
    .body.code;
  const o = await call(bindOperator, 'POST /v1/bind/operator', {
    body: { ticket: await ticketFor(`${label}-o`), code, name: '陈经办', phone: '13500135000' },
  });
  if (m.status !== 200 || o.status !== 200)
    throw new Error(`enterprise ${label}: ${m.status} ${o.status}`);
  return {
    manager: m.body.token as string,
    operator: o.body.token as string,
    operatorId: o.body.user.id as string,
  };
}
async function staff(label: string, body: unknown) {
  const admin = tokens.admin!;
  const made = await call(createStaff, 'POST /v1/admin/staff', { token: admin, body });
  const claimed = await call(claimStaff, 'POST /v1/bind/staff', {
    body: { ticket: await ticketFor(label), code: made.body.claimCode },
  });
  return { id: made.body.staff.id as string, token: claimed.body.token as string };
}

beforeAll(async () => {
  const demo = await demoCounty();
  fake = await startFakeEnterpriseRegistry();
  process.env.ENTERPRISE_REGISTRY_URL = fake.url;
  tokens = {
    none: undefined,
    bad: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged',
    resident: demo.wangxm01,
    reviewer: demo.hrssl1,
    admin: demo.admin01,
  } as Record<Caller, string | undefined>;
  const a = await enterpriseWithOperator('mx-a');
  const b = await enterpriseWithOperator('mx-b');
  tokens.manager = a.manager;
  tokens.operator = a.operator;
  tokens.otherOperator = b.operator;
  otherOperatorId = b.operatorId;
  tokens.auditor = (await staff('mx-auditor', { name: '审计甲', role: 'auditor' })).token;
  const gone = await staff('mx-disabled', {
    name: '停用乙',
    role: 'reviewer',
    department: 'hrss',
    level: 1,
  });
  const off = await call(changeStaff, 'PATCH /v1/admin/staff/{userId}', {
    token: tokens.admin,
    params: { userId: gone.id },
    body: { action: 'disable' },
  });
  if (off.status !== 200) throw new Error(`disable: ${off.status}`);
  tokens.disabled = gone.token;
});
afterAll(async () => {
  delete process.env.ENTERPRISE_REGISTRY_URL;
  await fake.stop();
});

interface Row {
  route: string;
  handler: Handler;
  opts?: () => { params?: Record<string, string>; body?: unknown };
  expect: Record<Caller, number>;
}
const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;
const signedIn = (o: Partial<Record<Caller, number>>, rest: number): Record<Caller, number> => ({
  ...everyone(rest),
  none: 401,
  bad: 401,
  disabled: 401,
  ...o,
});
const forgedTicket = 'eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiJ4In0.forgedforged';

const ROWS: Row[] = [
  // public routes whose credential is in the body: a session token is no ticket or refresh token
  {
    route: 'POST /v1/auth/refresh',
    handler: refresh,
    opts: () => ({ body: { refreshToken: `${'a'.repeat(32)}.${'b'.repeat(43)}` } }),
    expect: everyone(401),
  },
  {
    route: 'POST /v1/bind/resident',
    handler: bindResident,
    opts: () => ({
      body: { ticket: forgedTicket, name: '张三', idNumber: ID, phone: '13800138000' },
    }),
    expect: everyone(401),
  },
  {
    route: 'POST /v1/bind/enterprise',
    handler: bindEnterprise,
    opts: () => ({
      body: {
        ticket: forgedTicket,
        uscc: uscc(),
        legalRepName: '张三',
        legalRepIdNumber: ID,
        phone: '13800138000',
      },
    }),
    expect: everyone(401),
  },
  {
    route: 'POST /v1/bind/operator',
    handler: bindOperator,
    opts: () => ({
      body: { ticket: forgedTicket, code: 'ABCDEFGH', name: '张三', phone: '13800138000' },
    }),
    expect: everyone(401),
  },
  {
    route: 'POST /v1/bind/staff',
    handler: claimStaff,
    opts: () => ({ body: { ticket: forgedTicket, code: 'ABCDEFGHJK' } }),
    expect: everyone(401),
  },
  // the enterprise's manager only
  {
    route: 'POST /v1/enterprise/invites',
    handler: createInvite,
    expect: signedIn({ manager: 201 }, 403),
  },
  {
    route: 'GET /v1/enterprise/members',
    handler: listMembers,
    expect: signedIn({ manager: 200 }, 403),
  },
  {
    route: 'DELETE /v1/enterprise/operators/{userId}',
    handler: removeOperator,
    // another enterprise's operator: not found for this manager, so nothing is removed
    opts: () => ({ params: { userId: otherOperatorId } }),
    expect: signedIn({ manager: 404 }, 403),
  },
  // admins only
  {
    route: 'POST /v1/admin/staff',
    handler: createStaff,
    opts: () => ({ body: { name: '新人', role: 'auditor' } }),
    expect: signedIn({ admin: 201 }, 403),
  },
  { route: 'GET /v1/admin/staff', handler: listStaff, expect: signedIn({ admin: 200 }, 403) },
  {
    route: 'PATCH /v1/admin/staff/{userId}',
    handler: changeStaff,
    opts: () => ({ params: { userId: 'usr_nobody0000001' }, body: { action: 'disable' } }),
    expect: signedIn({ admin: 404 }, 403),
  },
  {
    // the same change for the mini-app (wx.request has no PATCH)
    route: 'POST /v1/admin/staff/{userId}',
    handler: changeStaff,
    opts: () => ({ params: { userId: 'usr_nobody0000001' }, body: { action: 'disable' } }),
    expect: signedIn({ admin: 404 }, 403),
  },
  // the new roles on existing routes
  { route: 'GET /v1/me', handler: getMe, expect: signedIn({}, 200) },
  { route: 'GET /v1/review/queue', handler: queue, expect: signedIn({ reviewer: 200 }, 403) },
  {
    route: 'GET /v1/applications',
    handler: listApplications,
    expect: signedIn(
      { resident: 200, manager: 200, operator: 200, otherOperator: 200, reviewer: 200 },
      403,
    ),
  },
  // last: it ends each caller's sessions
  { route: 'POST /v1/auth/logout', handler: logout, expect: signedIn({}, 200) },
];

describe.each(ROWS)('$route', (row) => {
  it.each(CALLERS.map((c) => [c, row.expect[c]] as const))('%s → %i', async (caller, status) => {
    const res = await call(row.handler, row.route, {
      token: tokens[caller],
      ...(row.opts?.() ?? {}),
    });
    expect(res.status).toBe(status);
    if (status >= 400) expect(typeof res.body.error.code).toBe('string');
  });
});

it('after logout, each caller is refused', async () => {
  for (const c of ['resident', 'manager', 'operator', 'admin', 'auditor'] as const) {
    const res = await call(getMe, 'GET /v1/me', { token: tokens[c] });
    expect(res.status).toBe(401);
    expect(res.body.error.details.reason).toBe('SESSION_REVOKED');
  }
});
