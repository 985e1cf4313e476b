/**
 * Issue 12, staff accounts: an admin creates reviewer / auditor / admin accounts (guarantee and
 * bank staff are reviewers of those departments); each is claimed once by a WeChat account;
 * disabling, re-enabling and changing a role or level are audited and end the member's sessions.
 */
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as claim } from '../../../functions/http/claim-staff/handler';
import { handler as createStaff } from '../../../functions/http/create-staff/handler';
import { handler as listStaff } from '../../../functions/http/list-staff/handler';
import { handler as changeStaff } from '../../../functions/http/change-staff/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import { eventsOf } from '../../../functions/repositories/table';
import { demoCounty, type DemoUser } from '../apply/setup';

let demo: Record<DemoUser, string>;
beforeAll(async () => {
  demo = await demoCounty();
});
afterEach(() => jest.restoreAllMocks());

async function ticketFor(code: string): Promise<string> {
  const res = await call(login, 'POST /v1/auth/login', { body: { wechatCode: `ok-${code}` } });
  expect(res.status).toBe(403);
  return res.body.error.details.bindingTicket;
}
async function create(body: unknown) {
  const res = await call(createStaff, 'POST /v1/admin/staff', { token: demo.admin01, body });
  expect(res.status).toBe(201);
  return res.body as { staff: { id: string }; claimCode: string };
}
const claimAs = async (wechat: string, code: string) =>
  call(claim, 'POST /v1/bind/staff', { body: { ticket: await ticketFor(wechat), code } });
const patch = (userId: string, body: unknown, token = demo.admin01) =>
  call(changeStaff, 'PATCH /v1/admin/staff/{userId}', { token, params: { userId }, body });

describe('staff accounts', () => {
  it('an admin creates a reviewer; the person claims it once and sees its department queue', async () => {
    const made = await create({ name: '孙审核', role: 'reviewer', department: 'hrss', level: 1 });
    expect(made.staff).toMatchObject({
      name: '孙审核',
      role: 'reviewer',
      department: 'hrss',
      departmentName: '人社局',
      reviewLevel: 1,
      disabled: false,
      claimed: false,
    });
    expect(made.claimCode).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    const claimed = await claimAs('staff-sun', made.claimCode);
    expect(claimed.status).toBe(200);
    expect(claimed.body.user).toMatchObject({
      id: made.staff.id,
      role: 'reviewer',
      department: 'hrss',
      reviewLevel: 1,
    });
    const q = await call(queue, 'GET /v1/review/queue', { token: claimed.body.token });
    expect(q.status).toBe(200);
    const list = await call(listStaff, 'GET /v1/admin/staff', { token: demo.admin01 });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: made.staff.id, claimed: true }),
    );
    // reused code
    const reused = await claimAs('staff-sun2', made.claimCode);
    expect(reused.status).toBe(404);
    expect(reused.body.error.details.reason).toBe('CLAIM_INVALID');
    expect(
      (await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-staff-sun' } })).status,
    ).toBe(200);
  });

  it('refuses an expired claim code (404) and an unknown one', async () => {
    const made = await create({
      name: '周担保',
      role: 'reviewer',
      department: 'guarantee',
      level: 1,
    });
    const ticket = await ticketFor('staff-late');
    const real = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(real + 8 * 24 * 3600_000);
    const late = await call(claim, 'POST /v1/bind/staff', {
      body: { ticket, code: made.claimCode },
    });
    expect(late.status).toBe(404);
    expect(late.body.error.details.reason).toBe('CLAIM_INVALID');
    jest.restoreAllMocks();
    expect((await claimAs('staff-late2', 'ABCDEFGHJK')).status).toBe(404);
    expect((await claimAs('staff-late3', 'bad')).status).toBe(400);
  });

  it('changing the level ends the old session at once; the next login carries the new level; all audited', async () => {
    const made = await create({
      name: '吴审核',
      role: 'reviewer',
      department: 'finance',
      level: 1,
    });
    const s = (await claimAs('staff-wu', made.claimCode)).body;
    const changed = await patch(made.staff.id, {
      action: 'change',
      role: 'reviewer',
      department: 'finance',
      level: 2,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ reviewLevel: 2 });
    const old = await call(queue, 'GET /v1/review/queue', { token: s.token });
    expect(old.status).toBe(401);
    expect(old.body.error.details.reason).toBe('SESSION_REVOKED');
    const again = await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-staff-wu' } });
    expect(again.status).toBe(200);
    expect(again.body.user.reviewLevel).toBe(2);

    expect((await patch(made.staff.id, { action: 'disable' })).status).toBe(200);
    const disabled = await call(getMe, 'GET /v1/me', { token: again.body.token });
    expect(disabled.status).toBe(401);
    expect(disabled.body.error.details.reason).toBe('USER_DISABLED');
    const refused = await call(login, 'POST /v1/auth/login', {
      body: { wechatCode: 'ok-staff-wu' },
    });
    expect(refused.status).toBe(401);
    expect((await patch(made.staff.id, { action: 'disable' })).status).toBe(409);
    expect((await patch(made.staff.id, { action: 'enable' })).status).toBe(200);
    expect(
      (await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-staff-wu' } })).status,
    ).toBe(200);

    const events = await eventsOf<{ type: string; by?: { kind: string } }>(`USER#${made.staff.id}`);
    expect(events.map((e) => e.type)).toEqual([
      'StaffCreated',
      'StaffClaimed',
      'StaffRoleChanged',
      'StaffDisabled',
      'StaffEnabled',
    ]);
    expect(
      events.filter((e) => e.type !== 'StaffClaimed').every((e) => e.by?.kind === 'admin'),
    ).toBe(true);
  });

  it('an auditor signs in but reaches none of the existing routes', async () => {
    const made = await create({ name: '郑审计', role: 'auditor' });
    const s = (await claimAs('staff-zheng', made.claimCode)).body;
    expect(s.user).toMatchObject({ role: 'auditor' });
    expect((await call(getMe, 'GET /v1/me', { token: s.token })).status).toBe(200);
    expect((await call(queue, 'GET /v1/review/queue', { token: s.token })).status).toBe(403);
    expect((await call(listApplications, 'GET /v1/applications', { token: s.token })).status).toBe(
      403,
    );
    expect((await call(listStaff, 'GET /v1/admin/staff', { token: s.token })).status).toBe(403);
  });

  it('refuses an admin changing itself, an unknown account, an applicant account, and bad input', async () => {
    const self = await patch('usr_admin01', { action: 'disable' });
    expect(self.status).toBe(403);
    expect(self.body.error.details.reason).toBe('CANNOT_CHANGE_SELF');
    expect((await patch('usr_nobody0001', { action: 'disable' })).status).toBe(404);
    expect((await patch('usr_wangxm01', { action: 'disable' })).status).toBe(404);
    expect(
      (await patch('usr_hrssl1', { action: 'change', role: 'reviewer', department: 'hrss' }))
        .status,
    ).toBe(400);
    const bad = await call(createStaff, 'POST /v1/admin/staff', {
      token: demo.admin01,
      body: { name: '某', role: 'applicant' },
    });
    expect(bad.status).toBe(400);
  });

  it('a seeded reviewer changed by an admin is refused on its next request', async () => {
    expect((await call(queue, 'GET /v1/review/queue', { token: demo.finl2 })).status).toBe(200);
    expect((await patch('usr_finl2', { action: 'change', role: 'auditor' })).status).toBe(200);
    expect((await call(queue, 'GET /v1/review/queue', { token: demo.finl2 })).status).toBe(401);
  });
});
