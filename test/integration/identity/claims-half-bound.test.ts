/**
 * Issue 12 "Tests": a refused claim code binds nothing. A reused, an expired code and the code
 * of a disabled account each answer a 4xx, and afterwards the WeChat user is still unbound (its
 * next login is 403 NOT_BOUND again) and the account is still unclaimed; the disabled account's
 * code works once the account is enabled again. And the mini-app's way to change a staff account,
 * POST /v1/admin/staff/{userId} (wx.request has no PATCH), is the same admin-only change.
 */
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as claim } from '../../../functions/http/claim-staff/handler';
import { handler as createStaff } from '../../../functions/http/create-staff/handler';
import { handler as listStaff } from '../../../functions/http/list-staff/handler';
import { handler as changeStaff } from '../../../functions/http/change-staff/handler';
import { demoCounty, type DemoUser } from '../apply/setup';

let demo: Record<DemoUser, string>;
// seeding the demo county takes seconds on a loaded machine
beforeAll(async () => {
  demo = await demoCounty();
}, 60_000);
afterEach(() => jest.restoreAllMocks());

interface Refusal {
  error: { code: string; details: Record<string, unknown> };
}
const reasonOf = (body: unknown) => (body as Refusal).error.details.reason;

const loginAs = (wechat: string) =>
  call(login, 'POST /v1/auth/login', { body: { wechatCode: `ok-${wechat}` } });
async function ticketFor(wechat: string): Promise<string> {
  const res = await loginAs(wechat);
  expect(res.status).toBe(403);
  return (res.body as Refusal).error.details.bindingTicket as string;
}
async function create(name: string) {
  const res = await call(createStaff, 'POST /v1/admin/staff', {
    token: demo.admin01,
    body: { name, role: 'reviewer', department: 'finance', level: 1 },
  });
  expect(res.status).toBe(201);
  return res.body as { staff: { id: string }; claimCode: string };
}
const claimAs = async (wechat: string, code: string) =>
  call(claim, 'POST /v1/bind/staff', { body: { ticket: await ticketFor(wechat), code } });
const change = (userId: string, body: unknown, token = demo.admin01) =>
  call(changeStaff, 'POST /v1/admin/staff/{userId}', { token, params: { userId }, body });

async function expectUnbound(wechat: string): Promise<void> {
  const res = await loginAs(wechat);
  expect(res.status).toBe(403);
  expect(reasonOf(res.body)).toBe('NOT_BOUND');
}
async function claimedOf(id: string): Promise<boolean | undefined> {
  const list = await call(listStaff, 'GET /v1/admin/staff', { token: demo.admin01 });
  expect(list.status).toBe(200);
  const items = (list.body as { items: { id: string; claimed: boolean }[] }).items;
  return items.find((s) => s.id === id)?.claimed;
}

describe('a refused claim code binds nothing', () => {
  it('reused: the second WeChat user stays unbound, the first keeps the account', async () => {
    const made = await create('郑审核');
    expect((await claimAs('half-first', made.claimCode)).status).toBe(200);
    const again = await claimAs('half-second', made.claimCode);
    expect(again.status).toBe(404);
    expect(reasonOf(again.body)).toBe('CLAIM_INVALID');
    await expectUnbound('half-second');
    expect((await loginAs('half-first')).status).toBe(200);
  });

  it('expired: 404, the WeChat user stays unbound and the account unclaimed', async () => {
    const made = await create('王过期');
    const ticket = await ticketFor('half-late');
    const real = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(real + 8 * 24 * 3600_000);
    const late = await call(claim, 'POST /v1/bind/staff', {
      body: { ticket, code: made.claimCode },
    });
    jest.restoreAllMocks();
    expect(late.status).toBe(404);
    expect(reasonOf(late.body)).toBe('CLAIM_INVALID');
    await expectUnbound('half-late');
    expect(await claimedOf(made.staff.id)).toBe(false);
  });

  it("a disabled account's code: 403 USER_DISABLED, nothing bound; re-enabled, the same code works", async () => {
    const made = await create('钱停用');
    const off = await change(made.staff.id, { action: 'disable' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ disabled: true });
    const refused = await claimAs('half-disabled', made.claimCode);
    expect(refused.status).toBe(403);
    expect(reasonOf(refused.body)).toBe('USER_DISABLED');
    await expectUnbound('half-disabled');
    expect(await claimedOf(made.staff.id)).toBe(false);

    expect((await change(made.staff.id, { action: 'enable' })).status).toBe(200);
    const ok = await claimAs('half-disabled', made.claimCode);
    expect(ok.status).toBe(200);
    expect((ok.body as { user: unknown }).user).toMatchObject({
      id: made.staff.id,
      role: 'reviewer',
      department: 'finance',
    });
    expect(await claimedOf(made.staff.id)).toBe(true);
  });
});

describe('POST /v1/admin/staff/{userId} (the mini-app’s PATCH)', () => {
  it('changes a role for an admin; refuses everyone else and bad input', async () => {
    const made = await create('冯调岗');
    const changed = await change(made.staff.id, {
      action: 'change',
      role: 'reviewer',
      department: 'finance',
      level: 2,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: made.staff.id, reviewLevel: 2 });
    expect((await change(made.staff.id, { action: 'disable' }, demo.hrssl1)).status).toBe(403);
    expect((await change(made.staff.id, { action: 'disable' }, demo.wangxm01)).status).toBe(403);
    expect(
      (
        await call(changeStaff, 'POST /v1/admin/staff/{userId}', {
          params: { userId: made.staff.id },
        })
      ).status,
    ).toBe(401);
    expect((await change(made.staff.id, { action: 'promote' })).status).toBe(400);
  });
});
