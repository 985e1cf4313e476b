/**
 * Issue 12, residents bind themselves: login of an unbound WeChat user answers NOT_BOUND with
 * a binding ticket; POST /v1/bind/resident with name + 居民身份证号 + phone, confirmed by the
 * real-name check (infra/fakes/real-name.ts), binds the user in one transaction and signs it in.
 */
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as bind } from '../../../functions/http/bind-resident/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { signBindingTicket } from '../../../functions/_lib/session';
import { findHolder } from '../../../functions/repositories/identity';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { findUserByOpenId } from '../../../functions/repositories/users';
import { DEMO_CODES } from '../../../infra/local/demo-data';
import { startFakeRealName, type FakeRealName } from '../../../infra/fakes/real-name';
import { idNumberCheckChar } from '../../../shared/subject';
import { demoCounty } from '../apply/setup';

let fake: FakeRealName;
beforeAll(async () => {
  await demoCounty();
  fake = await startFakeRealName({ slowMs: 4000 });
  process.env.REAL_NAME_URL = fake.url;
});
afterAll(async () => {
  delete process.env.REAL_NAME_URL;
  await fake.stop();
});
beforeEach(() => fake.setMode('match'));

let serial = 100;
/** A valid 居民身份证号 nobody has bound yet. */
const freshId = () => {
  const first17 = `620724199001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
/** The same ID number with another check character: the checksum fails. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
/** The binding ticket a new WeChat user's login answers. */
async function ticketFor(code: string): Promise<string> {
  const res = await call(login, 'POST /v1/auth/login', { body: { wechatCode: `ok-${code}` } });
  expect(res.status).toBe(403);
  expect(res.body.error).toMatchObject({
    code: 'FORBIDDEN',
    details: { reason: 'NOT_BOUND', bindingTicket: expect.any(String) },
  });
  return res.body.error.details.bindingTicket;
}
const person = (ticket: string, idNumber: string, name = '张三丰') => ({
  ticket,
  name,
  idNumber,
  phone: '13800138000',
});
const bindAs = (body: unknown) => call(bind, 'POST /v1/bind/resident', { body });

describe('POST /v1/bind/resident', () => {
  it('binds a new resident: signed in at once, the subject is created, the ID masked; next login is a session', async () => {
    const id = freshId();
    const res = await bindAs(person(await ticketFor('res-new'), id));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      role: 'applicant',
      name: '张三丰',
      subject: { kind: 'person', name: '张三丰' },
    });
    expect(res.body.user.subject.code).not.toContain(id.slice(6, 14));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    const me = await call(getMe, 'GET /v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.subject.id).toBe(subjectIdOf(id));
    const again = await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-res-new' } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(res.body.user.id);
    expect(fake.calls.at(-1)).toMatchObject({ name: '张三丰', idNumber: id, phone: '13800138000' });
  });

  it('refuses a second binding of the same WeChat account (409 ALREADY_BOUND)', async () => {
    const ticket = await ticketFor('res-twice');
    expect((await bindAs(person(ticket, freshId()))).status).toBe(200);
    const second = await bindAs(person(ticket, freshId()));
    expect(second.status).toBe(409);
    expect(second.body.error.details.reason).toBe('ALREADY_BOUND');
  });

  it('refuses an ID number bound to someone else (409 ID_ALREADY_BOUND), nothing half-bound', async () => {
    const id = freshId();
    expect((await bindAs(person(await ticketFor('res-first'), id))).status).toBe(200);
    const holder = await findHolder(subjectIdOf(id));
    const other = await bindAs(person(await ticketFor('res-second'), id));
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringMatching(/已被其他微信账号绑定/),
      details: { reason: 'ID_ALREADY_BOUND' },
    });
    expect(await findHolder(subjectIdOf(id))).toBe(holder);
    expect(await findUserByOpenId('fake-openid-res-second')).toBeUndefined();
    // a demo resident (王小明, seeded) holds its ID number too
    const demo = await bindAs(person(await ticketFor('res-third'), DEMO_CODES.graduate, '王小明'));
    expect(demo.status).toBe(409);
    expect(demo.body.error.details.reason).toBe('ID_ALREADY_BOUND');
  });

  it.each([
    [
      'a wrong ID checksum',
      (t: string) => ({ ...person(t, freshId()), idNumber: wrongCheck(freshId()) }),
    ],
    ['a 17-digit ID', (t: string) => ({ ...person(t, freshId()), idNumber: '62072419900101123' })],
    ['a bad phone', (t: string) => ({ ...person(t, freshId()), phone: '1380013800' })],
    ['an empty name', (t: string) => ({ ...person(t, freshId()), name: '' })],
    ['an unknown field', (t: string) => ({ ...person(t, freshId()), role: 'admin' })],
  ])('refuses %s with 400, binding nothing', async (_what, make) => {
    const ticket = await ticketFor('res-bad-input');
    const calls = fake.calls.length;
    const res = await bindAs(make(ticket));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(fake.calls.length).toBe(calls);
    expect(await findUserByOpenId('fake-openid-res-bad-input')).toBeUndefined();
  });

  it('refuses a mismatched name with 422 VERIFICATION_FAILED, binding nothing', async () => {
    fake.setMode('mismatch');
    const id = freshId();
    const res = await bindAs(person(await ticketFor('res-mismatch'), id, '李四'));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'VERIFICATION_FAILED',
      message: expect.stringMatching(/不匹配.*还可尝试 4 次/),
      details: { reason: 'REAL_NAME_MISMATCH', remainingAttempts: 4 },
    });
    expect(await findHolder(subjectIdOf(id))).toBeUndefined();
    expect(await findUserByOpenId('fake-openid-res-mismatch')).toBeUndefined();
  });

  it('locks binding after 5 failed verifications in a day (429), without asking the provider again', async () => {
    fake.setMode('mismatch');
    const ticket = await ticketFor('res-locked');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await bindAs(person(ticket, freshId()))).status);
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    fake.setMode('match');
    const calls = fake.calls.length;
    const sixth = await bindAs(person(ticket, freshId()));
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/今日身份核验失败已达 5 次.*明天再试/),
      details: { reason: 'BIND_ATTEMPTS_EXCEEDED' },
    });
    expect(fake.calls.length).toBe(calls);
    // another WeChat user is not affected
    expect((await bindAs(person(await ticketFor('res-unlocked'), freshId()))).status).toBe(200);
  });

  it.each(['unavailable', 'slow'] as const)(
    'answers 503 when the real-name check is %s, and does not count it',
    async (mode) => {
      fake.setMode(mode);
      const ticket = await ticketFor(`res-${mode}`);
      const res = await bindAs(person(ticket, freshId()));
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        code: 'UNAVAILABLE',
        details: { reason: 'REAL_NAME_UNAVAILABLE' },
      });
      fake.setMode('mismatch');
      const next = await bindAs(person(ticket, freshId()));
      expect(next.status).toBe(422);
      expect(next.body.error.details.remainingAttempts).toBe(4);
    },
    20_000,
  );

  it('refuses a forged or expired ticket (401), and a ticket is never an access token', async () => {
    const forged = await bindAs(
      person('eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiJ4In0.forgedforgedforged', freshId()),
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error.details.reason).toBe('BINDING_TICKET_INVALID');
    const old = await signBindingTicket('fake-openid-res-late', new Date(Date.now() - 31 * 60_000));
    const late = await bindAs(person(old.ticket, freshId()));
    expect(late.status).toBe(401);
    expect(late.body.error.details.reason).toBe('BINDING_TICKET_INVALID');
    const asToken = await call(getMe, 'GET /v1/me', { token: await ticketFor('res-ticket-token') });
    expect(asToken.status).toBe(401);
  });
});
