import { PermanentDeliveryError, smsStubAdapter, weChatSubscribeAdapter } from './notify';

type Seen = { url: string; init?: RequestInit };

/** A fetch that answers each call with the next JSON body, and records the calls. */
function fakeFetch(bodies: unknown[]): { fetchFn: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetchFn = ((url: URL | string, init?: RequestInit) => {
    seen.push({ url: String(url), init });
    const body = bodies.shift() ?? { errcode: 0 };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  }) as typeof fetch;
  return { fetchFn, seen };
}

const message = {
  idempotencyKey: 'app_1~2',
  to: { channel: 'wechat' as const, openId: 'o-1' },
  notice: { template: 'application_status' as const, status: '公示中', text: '审核通过，进入公示' },
  createdAt: '2020-12-15T02:00:00.000Z',
  page: 'pages/messages/index',
};

describe('WeChat subscription-message adapter', () => {
  it('gets a token once, then sends the configured template with the idempotency key', async () => {
    const { fetchFn, seen } = fakeFetch([{ access_token: 'T', expires_in: 7200 }]);
    const a = weChatSubscribeAdapter({
      baseUrl: 'https://wx.example',
      appId: 'a',
      appSecret: 's',
      templateIds: { application_status: 'tpl-1' },
      fetchFn,
    });
    await a.send(message);
    await a.send(message);
    expect(seen.map((s) => new URL(s.url).pathname)).toEqual([
      '/cgi-bin/token',
      '/cgi-bin/message/subscribe/send',
      '/cgi-bin/message/subscribe/send',
    ]);
    const sent = JSON.parse(seen[1]?.init?.body as string) as Record<string, unknown>;
    expect(sent).toMatchObject({
      touser: 'o-1',
      template_id: 'tpl-1',
      page: 'pages/messages/index',
    });
    expect((seen[1]?.init?.headers as Record<string, string>)['x-idempotency-key']).toBe('app_1~2');
  });

  it('refuses for good what a retry cannot cure (no template, 43101 refused), and retries the rest', async () => {
    const none = weChatSubscribeAdapter({
      baseUrl: 'https://wx.example',
      appId: 'a',
      appSecret: 's',
      templateIds: {},
      fetchFn: fakeFetch([]).fetchFn,
    });
    await expect(none.send(message)).rejects.toBeInstanceOf(PermanentDeliveryError);
    const refused = weChatSubscribeAdapter({
      baseUrl: 'https://wx.example',
      appId: 'a',
      appSecret: 's',
      templateIds: { application_status: 'tpl-1' },
      fetchFn: fakeFetch([{ access_token: 'T' }, { errcode: 43101 }, { errcode: -1 }]).fetchFn,
    });
    await expect(refused.send(message)).rejects.toBeInstanceOf(PermanentDeliveryError);
    const busy = refused.send(message);
    await expect(busy).rejects.toThrow(/errcode -1/);
    await expect(busy).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('SMS stub', () => {
  it('only logs without a gateway, and refuses a WeChat destination', async () => {
    const sms = smsStubAdapter();
    await expect(
      sms.send({ ...message, to: { channel: 'sms', phone: '13800138000' } }),
    ).resolves.toBeUndefined();
    await expect(sms.send(message)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
