/**
 * Issue 14 (Notifications delivered): each outbox notice reaches the fake WeChat inbox exactly
 * once — through the table's stream read as Lambda reads it (infra/local/notice-stream.ts calls
 * the real stream handler), including when a stream batch is delivered twice and when the sender
 * crashes between sending and marking the notice sent; failures are retried with backoff and end
 * undeliverable, listed for the admins.
 */
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { startFakeWeChatServer, type FakeWeChatServer } from '../../../infra/fakes/wechat';
import { streamReader } from '../../../infra/local/notice-stream';
import { streamHandler } from '../../../functions/queue/notice-sender/handler';
import { handler as consentRoute } from '../../../functions/http/record-notice-consent/handler';
import { handler as adminNotices } from '../../../functions/http/list-undeliverable-notices/handler';
import {
  deliverAll,
  sweepNotices,
  type SenderDeps,
} from '../../../functions/services/notice-sender';
import { findNotice } from '../../../functions/repositories/outbox';
import { findUser, putUser } from '../../../functions/repositories/users';
import { now as clockNow } from '../../../functions/_lib/clock';
import { signSession } from '../../support/session';
import { applicant, newId, notice, senderDeps, TEMPLATES } from './support';

let fake: FakeWeChatServer;
let t: Date;
const clock = () => t;
const later = (ms: number) => {
  t = new Date(t.getTime() + ms);
};
let deps: SenderDeps;

beforeAll(async () => {
  Object.assign(process.env, {
    WECHAT_MODE: 'fake',
    WECHAT_TEMPLATE_IDS: `application_status=${TEMPLATES.application_status},sla_digest=${TEMPLATES.sla_digest}`,
  });
  await freshTable({ stream: true }); // read from its stream
  fake = await startFakeWeChatServer({ holdMs: 5_000 });
  t = clockNow();
  deps = senderDeps(fake, clock);
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
});

/** An applicant who accepted the status template in wx.requestSubscribeMessage (weapp). */
async function consenting(tag: string) {
  const a = await applicant(tag);
  const res = await call(consentRoute, 'POST /v1/me/notice-consent', {
    token: a.token,
    body: { platform: 'weapp', accepted: [TEMPLATES.application_status], code: `ok-${tag}` },
  });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ channel: 'wechat', templates: ['application_status'] });
  return a;
}

const endpoint = () => process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
const tableName = () => process.env.TABLE_NAME ?? '';

describe('the stream-driven sender', () => {
  it('delivers each notice exactly once, by WeChat with consent and by SMS without, even when the stream repeats a batch', async () => {
    const reader = await streamReader({
      endpoint: endpoint(),
      tableName: tableName(),
      handler: streamHandler(() => deps),
      from: 'LATEST',
    });
    const a = await consenting('stream-a');
    const b = await consenting('stream-b');
    // a resident on H5 (no WeChat): the phone on file gets the SMS stub
    const c = await applicant('stream-c');
    const user = await findUser(c.userId as never);
    if (user?.role !== 'applicant') throw new Error('fixture');
    await putUser({ ...user, phone: '13800138000' });
    const h5 = await call(consentRoute, 'POST /v1/me/notice-consent', {
      token: c.token,
      body: { platform: 'h5', accepted: [] },
    });
    expect(h5.status).toBe(200);
    expect(h5.body.channel).toBe('sms');

    const ids = [
      await notice(a.subjectId, '申请已提交，等待审核'),
      await notice(a.subjectId, '审核通过，进入公示'),
      await notice(b.subjectId, '申请已提交，等待审核'),
      await notice(c.subjectId, '申请已提交，等待审核'),
    ];
    expect(await reader.poll()).toBeGreaterThanOrEqual(ids.length);

    for (const id of ids) {
      expect(fake.delivered(id)).toHaveLength(1);
      expect((await findNotice(id))?.status).toBe('sent');
    }
    const [first] = fake.delivered(ids[0] ?? '');
    expect(first).toMatchObject({
      channel: 'wechat',
      to: a.openId,
      templateId: TEMPLATES.application_status,
      data: { phrase1: { value: '待审核' }, thing2: { value: '申请已提交，等待审核' } },
    });
    expect(fake.delivered(ids[3] ?? '')[0]).toMatchObject({ channel: 'sms', to: '13800138000' });
    expect((await findNotice(ids[3] ?? ''))?.sentChannel).toBe('sms');

    // Lambda may hand the same records over again (a retried batch, a second reader)
    const again = await streamReader({
      endpoint: endpoint(),
      tableName: tableName(),
      handler: streamHandler(() => deps),
      from: 'TRIM_HORIZON',
    });
    await again.poll();
    later(120_000);
    expect((await sweepNotices(deps)).sent).toBe(0);
    expect(fake.inbox).toHaveLength(ids.length);
    expect(fake.requests).toBe(ids.length); // nothing was even sent twice
    expect(fake.duplicates).toBe(0);
  });

  it('does not double-deliver after a crash between the send and markSent', async () => {
    const a = await consenting('crash-a');
    const ids = [
      await notice(a.subjectId, '第一条'),
      await notice(a.subjectId, '第二条'),
      await notice(a.subjectId, '第三条'),
    ];
    const crashed = ids[1] ?? '';
    class Crash extends Error {}
    // the sender dies right after WeChat accepted the second notice, before marking it sent
    const dying: SenderDeps = {
      ...deps,
      afterSend: (id) => {
        if (id === crashed) throw new Crash('killed');
      },
    };
    await expect(deliverAll(ids, dying)).rejects.toBeInstanceOf(Crash);
    expect(fake.delivered(ids[0] ?? '')).toHaveLength(1);
    expect(fake.delivered(crashed)).toHaveLength(1);
    expect(fake.delivered(ids[2] ?? '')).toHaveLength(0);
    expect((await findNotice(crashed))?.status).toBe('pending');

    // the batch is retried at once (Lambda retries a failed batch): the crashed notice is still
    // leased, so it is not sent again; the rest of the batch goes out
    expect(await deliverAll(ids, deps)).toEqual({
      sent: 1,
      skipped: 2,
      retry: 0,
      undeliverable: 0,
    });
    expect(fake.requests).toBe(3);

    // the lease expires: the sweep takes the notice over and sends it under the same key;
    // the fake (like a gateway with idempotency keys) answers ok without delivering twice
    later(61_000);
    expect((await sweepNotices(deps)).sent).toBe(1);
    expect(fake.duplicates).toBe(1);
    for (const id of ids) expect(fake.delivered(id)).toHaveLength(1);
    const after = await findNotice(crashed);
    expect(after).toMatchObject({ status: 'sent', attempts: 2, sentChannel: 'wechat' });
    expect(fake.inbox).toHaveLength(3);
  });

  it('retries a failed or timed-out send with backoff and delivers it once', async () => {
    const a = await consenting('retry-a');
    const id = await notice(a.subjectId, '拨付成功');
    fake.setMode({ timeoutNext: 1, failNext: 1 });
    // first attempt: held past the adapter's timeout (nothing delivered)
    expect(await deliverAll([id], deps)).toMatchObject({ retry: 1 });
    // not due yet: the sweep leaves it
    expect((await sweepNotices(deps)).retry + (await sweepNotices(deps)).sent).toBe(0);
    later(31_000);
    // second attempt: 系统繁忙
    expect((await sweepNotices(deps)).retry).toBe(1);
    expect((await findNotice(id))?.lastError).toMatch(/errcode -1/);
    later(61_000);
    expect((await sweepNotices(deps)).sent).toBe(1);
    expect(fake.delivered(id)).toHaveLength(1);
    expect(await findNotice(id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('marks a notice undeliverable after the last attempt, and admins see it', async () => {
    const a = await consenting('dead-a');
    const id = await notice(a.subjectId, '公示结束');
    fake.setMode({ failNext: 100 });
    for (let i = 0; i < 5; i++) {
      await sweepNotices(deps);
      later(3_600_000);
    }
    expect(await findNotice(id)).toMatchObject({ status: 'undeliverable', attempts: 5 });
    expect(fake.delivered(id)).toHaveLength(0);
    later(3_600_000);
    fake.setMode({ failNext: 0 });
    expect((await sweepNotices(deps)).sent).toBe(0); // never retried by itself

    const admin = await signSession({ kind: 'admin', userId: newId('user') }, new Date());
    const list = await call(adminNotices, 'GET /v1/admin/notices', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          attempts: 5,
          lastError: expect.stringMatching(/errcode -1/),
        }),
      ]),
    );
    // not for applicants
    const denied = await call(adminNotices, 'GET /v1/admin/notices', { token: a.token });
    expect(denied.status).toBe(403);
  });

  it('refuses a consent whose WeChat code belongs to another user', async () => {
    const a = await applicant('owner-a');
    await applicant('owner-b');
    const res = await call(consentRoute, 'POST /v1/me/notice-consent', {
      token: a.token,
      body: { platform: 'weapp', accepted: [TEMPLATES.application_status], code: 'ok-owner-b' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe('CONSENT_OPENID_MISMATCH');
    const bad = await call(consentRoute, 'POST /v1/me/notice-consent', {
      token: a.token,
      body: { platform: 'fax', accepted: [] },
    });
    expect(bad.status).toBe(400);
  });
});
