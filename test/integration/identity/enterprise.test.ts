/**
 * Issue 12, enterprises bind through their legal representative, who invites 经办人 with a
 * one-time code, lists and removes them; removal takes effect on the operator's next request.
 */
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as bindEnterprise } from '../../../functions/http/bind-enterprise/handler';
import { handler as bindOperator } from '../../../functions/http/bind-operator/handler';
import { handler as createInvite } from '../../../functions/http/create-invite/handler';
import { handler as listMembers } from '../../../functions/http/list-members/handler';
import { handler as removeOperator } from '../../../functions/http/remove-operator/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import { handler as refresh } from '../../../functions/http/auth-refresh/handler';
import { putInvite } from '../../../functions/repositories/identity';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { findUserByOpenId } from '../../../functions/repositories/users';
import { DEMO_CODES } from '../../../infra/local/demo-data';
import {
  startFakeEnterpriseRegistry,
  type FakeEnterpriseRegistry,
} from '../../../infra/fakes/enterprise-registry';
import { idNumberCheckChar, usccCheckChar } from '../../../shared/subject';
import type { UserId } from '../../../shared/ids';
import { demoCounty, type DemoUser } from '../apply/setup';

let fake: FakeEnterpriseRegistry;
let demo: Record<DemoUser, string>;
beforeAll(async () => {
  demo = await demoCounty();
  fake = await startFakeEnterpriseRegistry();
  process.env.ENTERPRISE_REGISTRY_URL = fake.url;
});
afterAll(async () => {
  delete process.env.ENTERPRISE_REGISTRY_URL;
  await fake.stop();
});
beforeEach(() => fake.setMode('match'));

let serial = 1000;
const freshUscc = () => {
  const first17 = `91620724MA${String(serial++).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
};
const repId = (() => {
  const first17 = '62072419800202123';
  return first17 + idNumberCheckChar(first17);
})();
async function ticketFor(code: string): Promise<string> {
  const res = await call(login, 'POST /v1/auth/login', { body: { wechatCode: `ok-${code}` } });
  expect(res.status).toBe(403);
  return res.body.error.details.bindingTicket;
}
const rep = (ticket: string, uscc: string, legalRepName = '赵法人') => ({
  ticket,
  uscc,
  legalRepName,
  legalRepIdNumber: repId,
  phone: '13900139000',
});

/** A new enterprise bound by a new WeChat user: the manager's session. */
async function newEnterprise(code: string) {
  const uscc = freshUscc();
  const res = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
    body: rep(await ticketFor(code), uscc),
  });
  expect(res.status).toBe(200);
  return { uscc, token: res.body.token as string, user: res.body.user };
}
async function invite(token: string): Promise<string> {
  const res = await call(createInvite, 'POST /v1/enterprise/invites', { token });
  expect(res.status).toBe(201);
  return res.body.code;
}
async function joinAs(code: string, inviteCode: string) {
  return call(bindOperator, 'POST /v1/bind/operator', {
    body: { ticket: await ticketFor(code), code: inviteCode, name: '钱经办', phone: '13700137000' },
  });
}

describe('enterprise binding and operators', () => {
  it('binds the legal representative as manager; the subject is created under the registry name', async () => {
    const { uscc, token, user } = await newEnterprise('ent-rep');
    expect(user).toMatchObject({
      role: 'applicant',
      name: '赵法人',
      subject: { kind: 'enterprise', code: uscc, name: `测试企业（${uscc.slice(-6)}）` },
    });
    expect(user.subject.id).toBe(subjectIdOf(uscc));
    expect(fake.calls.at(-1)).toMatchObject({
      uscc,
      legalRepName: '赵法人',
      legalRepIdNumber: repId,
    });
    const members = await call(listMembers, 'GET /v1/enterprise/members', { token });
    expect(members.status).toBe(200);
    expect(members.body.items).toEqual([
      {
        userId: user.id,
        name: '赵法人',
        memberRole: 'manager',
        phone: '139****9000',
        since: expect.any(String),
      },
    ]);
  });

  it('invites an operator who logs in, acts for the enterprise, is listed, and is removed at once', async () => {
    const m = await newEnterprise('ent-rep2');
    const code = await invite(m.token);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const joined = await joinAs('ent-op', code.toLowerCase());
    expect(joined.status).toBe(200);
    expect(joined.body.user).toMatchObject({
      role: 'applicant',
      name: '钱经办',
      subject: { id: m.user.subject.id },
    });
    const op = joined.body as { token: string; refreshToken: string; user: { id: string } };
    expect((await call(listApplications, 'GET /v1/applications', { token: op.token })).status).toBe(
      200,
    );
    // the next login of the operator's WeChat account is a session
    expect(
      (await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-ent-op' } })).status,
    ).toBe(200);

    const list = await call(listMembers, 'GET /v1/enterprise/members', { token: m.token });
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((i: { memberRole: string; name: string; phone: string }) => [
        i.memberRole,
        i.name,
        i.phone,
      ]),
    ).toEqual([
      ['manager', '赵法人', '139****9000'],
      ['operator', '钱经办', '137****7000'],
    ]);

    // the operator manages nothing
    for (const [handler, route, o] of [
      [createInvite, 'POST /v1/enterprise/invites', {}],
      [listMembers, 'GET /v1/enterprise/members', {}],
      [
        removeOperator,
        'DELETE /v1/enterprise/operators/{userId}',
        { params: { userId: op.user.id } },
      ],
    ] as const) {
      const res = await call(handler, route, { token: op.token, ...o });
      expect(res.status).toBe(403);
      expect(res.body.error.details.reason).toBe('NOT_ENTERPRISE_MANAGER');
    }

    const removed = await call(removeOperator, 'DELETE /v1/enterprise/operators/{userId}', {
      token: m.token,
      params: { userId: op.user.id },
    });
    expect(removed.status).toBe(200);
    const next = await call(listApplications, 'GET /v1/applications', { token: op.token });
    expect(next.status).toBe(401);
    expect(next.body.error.details.reason).toBe('SESSION_REVOKED');
    expect(
      (await call(refresh, 'POST /v1/auth/refresh', { body: { refreshToken: op.refreshToken } }))
        .status,
    ).toBe(401);
    // the WeChat account is unbound: it may be invited again
    const again = await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-ent-op' } });
    expect(again.status).toBe(403);
    expect(again.body.error.details.reason).toBe('NOT_BOUND');
    const twice = await call(removeOperator, 'DELETE /v1/enterprise/operators/{userId}', {
      token: m.token,
      params: { userId: op.user.id },
    });
    expect(twice.status).toBe(404);
    expect(
      (await call(listMembers, 'GET /v1/enterprise/members', { token: m.token })).body.items,
    ).toHaveLength(1);
  });

  it('refuses a reused, expired or unknown invite code (404 INVITE_INVALID), binding nothing', async () => {
    const m = await newEnterprise('ent-rep3');
    const code = await invite(m.token);
    expect((await joinAs('ent-op-a', code)).status).toBe(200);
    const reused = await joinAs('ent-op-b', code);
    expect(reused.status).toBe(404);
    expect(reused.body.error).toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'INVITE_INVALID' },
    });
    expect(await findUserByOpenId('fake-openid-ent-op-b')).toBeUndefined();

    await putInvite('ABCDEFGH', {
      subjectId: m.user.subject.id,
      createdBy: m.user.id as UserId,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const expired = await joinAs('ent-op-c', 'ABCDEFGH');
    expect(expired.status).toBe(404);
    expect(expired.body.error.details.reason).toBe('INVITE_INVALID');
    expect((await joinAs('ent-op-d', 'ZZZZZZZZ')).status).toBe(404);
    expect((await joinAs('ent-op-e', 'short')).status).toBe(400);
  });

  it('counts wrong invite codes like failed checks: the 5th locks the WeChat user for the day (429)', async () => {
    const m = await newEnterprise('ent-rep-guess');
    const good = await invite(m.token);
    const ticket = await ticketFor('ent-guesser');
    const statuses: number[] = [];
    for (const code of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC', 'DDDDDDDD', 'EEEEEEEE']) {
      statuses.push(
        (
          await call(bindOperator, 'POST /v1/bind/operator', {
            body: { ticket, code, name: '猜码人', phone: '13700137000' },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    const locked = await call(bindOperator, 'POST /v1/bind/operator', {
      body: { ticket, code: good, name: '猜码人', phone: '13700137000' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.details.reason).toBe('BIND_ATTEMPTS_EXCEEDED');
    // the code itself is still good for the person it was meant for
    expect((await joinAs('ent-op-meant', good)).status).toBe(200);
  });

  it("refuses another enterprise's manager: it cannot see or remove the operator (404)", async () => {
    const a = await newEnterprise('ent-rep-a');
    const b = await newEnterprise('ent-rep-b');
    const op = (await joinAs('ent-op-x', await invite(a.token))).body;
    const res = await call(removeOperator, 'DELETE /v1/enterprise/operators/{userId}', {
      token: b.token,
      params: { userId: op.user.id },
    });
    expect(res.status).toBe(404);
    expect((await call(getMe, 'GET /v1/me', { token: op.token })).status).toBe(200);
    const bList = await call(listMembers, 'GET /v1/enterprise/members', { token: b.token });
    expect(bList.body.items.map((i: { userId: string }) => i.userId)).not.toContain(op.user.id);
  });

  it('a resident or reviewer manages no enterprise (403)', async () => {
    for (const token of [demo.wangxm01]) {
      const res = await call(createInvite, 'POST /v1/enterprise/invites', { token });
      expect(res.status).toBe(403);
    }
    expect(
      (await call(listMembers, 'GET /v1/enterprise/members', { token: demo.hrssl1 })).status,
    ).toBe(403);
  });

  it('refuses a second binding of a bound enterprise (409 ENTERPRISE_ALREADY_BOUND)', async () => {
    const m = await newEnterprise('ent-rep4');
    const res = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
      body: rep(await ticketFor('ent-rep5'), m.uscc),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe('ENTERPRISE_ALREADY_BOUND');
    expect(await findUserByOpenId('fake-openid-ent-rep5')).toBeUndefined();
    // a seeded demo enterprise is held by its demo account, which it lists as manager
    const demoEnt = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
      body: rep(await ticketFor('ent-rep6'), DEMO_CODES.trading),
    });
    expect(demoEnt.status).toBe(409);
    expect(demoEnt.body.error.details.reason).toBe('ENTERPRISE_ALREADY_BOUND');
    const listed = await call(listMembers, 'GET /v1/enterprise/members', { token: demo.trading01 });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ userId: 'usr_trading01', memberRole: 'manager' }),
    ]);
  });

  it('refuses a mismatched legal representative (422), a wrong USCC checksum (400), and answers 503 when the registry is down', async () => {
    fake.setMode('mismatch');
    const mismatch = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
      body: rep(await ticketFor('ent-mis'), freshUscc(), '孙冒名'),
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error).toMatchObject({
      code: 'VERIFICATION_FAILED',
      details: { reason: 'ENTERPRISE_MISMATCH', remainingAttempts: 4 },
    });
    const good = freshUscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const checksum = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
      body: rep(await ticketFor('ent-mis'), bad),
    });
    expect(checksum.status).toBe(400);
    fake.setMode('unavailable');
    const down = await call(bindEnterprise, 'POST /v1/bind/enterprise', {
      body: rep(await ticketFor('ent-mis'), freshUscc()),
    });
    expect(down.status).toBe(503);
    expect(down.body.error.details.reason).toBe('ENTERPRISE_CHECK_UNAVAILABLE');
    expect(await findUserByOpenId('fake-openid-ent-mis')).toBeUndefined();
  });
});
