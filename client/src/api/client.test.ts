/**
 * The API client against Taro's real H5 request implementation, with only the
 * network (fetch) faked: what a page sees for a 422, a dead connection, a 401.
 */
import { z } from 'zod';
import { getApplication } from '@shared/contracts/apply';
import {
  ApiError,
  NETWORK_MESSAGE,
  call,
  callPath,
  getSession,
  newIdempotencyKey,
  normalizeBase,
  setSession,
  withQuery,
} from './client';

const Anything = z.unknown();

type FetchArgs = [string, RequestInit & { headers?: Record<string, string> }];

function answer(status: number, body: unknown) {
  return jest.fn((..._args: FetchArgs) =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    ),
  );
}

/** The ApiError a call rejects with (fails the test if it resolves or throws anything else). */
async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

const originalFetch = globalThis.fetch;

afterEach(() => {
  globalThis.fetch = originalFetch;
  localStorage.clear();
});

test('a 422 envelope becomes an ApiError with its code and Chinese message', async () => {
  globalThis.fetch = answer(422, {
    error: { code: 'OVER_CAP', message: '金额超过政策上限 ¥2,000.00', details: { capFen: 200000 } },
  }) as never;
  const err = await rejection(
    callPath('POST', '/v1/applications/a1/decision', Anything, {
      kind: 'approve',
      amountFen: 300000,
    }),
  );
  expect(err.status).toBe(422);
  expect(err.code).toBe('OVER_CAP');
  expect(err.message).toBe('金额超过政策上限 ¥2,000.00');
  expect(err.details).toEqual({ capFen: 200000 });
});

test('a failed connection becomes NETWORK with a message a person can act on', async () => {
  globalThis.fetch = jest.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as never;
  const err = await rejection(callPath('GET', '/v1/me/matches', Anything));
  expect(err.code).toBe('NETWORK');
  expect(err.status).toBe(0);
  expect(err.message).toBe(NETWORK_MESSAGE);
});

test('a 5xx without an envelope does not leak the raw body', async () => {
  globalThis.fetch = jest.fn(() =>
    Promise.resolve(new Response('<html>Bad Gateway</html>', { status: 502 })),
  ) as never;
  const err = await rejection(callPath('GET', '/v1/policies', Anything));
  expect(err.code).toBe('HTTP_502');
  expect(err.message).toBe('系统繁忙，请稍后再试');
});

test('sends the bearer token and the Idempotency-Key, and returns the body on 2xx', async () => {
  setSession({ token: 'tok-1', userId: 'u1', role: 'applicant', name: '张三' });
  const fetchMock = answer(201, { id: 'a1', status: 'submitted' });
  globalThis.fetch = fetchMock as never;
  const key = newIdempotencyKey();
  const body = await callPath(
    'POST',
    '/v1/applications',
    z.object({ id: z.string(), status: z.string() }),
    { policyId: 'hire-local' },
    key,
  );
  expect(body).toEqual({ id: 'a1', status: 'submitted' });
  const [url, init] = fetchMock.mock.calls[0];
  expect(url).toBe('http://api.test/v1/applications');
  const headers = new Headers(init.headers);
  expect(headers.get('authorization')).toBe('Bearer tok-1');
  expect(headers.get('idempotency-key')).toBe(key);
});

test('a 401 drops the stored session so the next page asks to log in', async () => {
  setSession({ token: 'expired', userId: 'u1', role: 'applicant', name: '张三' });
  globalThis.fetch = answer(401, {
    error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' },
  }) as never;
  const err = await rejection(callPath('GET', '/v1/me', Anything));
  expect(err.code).toBe('UNAUTHENTICATED');
  expect(err.message).toBe('登录已过期，请重新登录');
  expect(getSession()).toBeUndefined();
});

test('an expired access token is refreshed once and the request repeated with the new token', async () => {
  setSession({ token: 'old', refreshToken: 'rt-1', userId: 'u1', role: 'applicant', name: '张三' });
  const json = (status: number, body: unknown) =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  const fetchMock = jest.fn((url: string, init: RequestInit) => {
    const auth = new Headers(init.headers).get('authorization');
    if (url.endsWith('/v1/auth/refresh')) return json(200, { token: 'new', refreshToken: 'rt-2' });
    if (auth === 'Bearer old')
      return json(401, {
        error: {
          code: 'UNAUTHENTICATED',
          message: '登录已过期',
          details: { reason: 'TOKEN_EXPIRED' },
        },
      });
    return json(200, { ok: true });
  });
  globalThis.fetch = fetchMock as never;
  const [a, b] = await Promise.all([
    callPath('GET', '/v1/me', Anything),
    callPath('GET', '/v1/grants', Anything),
  ]);
  expect(a).toEqual({ ok: true });
  expect(b).toEqual({ ok: true });
  // one refresh for both requests: a refresh token is single use
  expect(fetchMock.mock.calls.filter(([url]) => url.endsWith('/v1/auth/refresh'))).toHaveLength(1);
  expect(getSession()).toMatchObject({ token: 'new', refreshToken: 'rt-2' });
});

test('a revoked session is not refreshed: the session is dropped', async () => {
  setSession({ token: 'old', refreshToken: 'rt-1', userId: 'u1', role: 'applicant', name: '张三' });
  const fetchMock = answer(401, {
    error: {
      code: 'UNAUTHENTICATED',
      message: '登录已失效',
      details: { reason: 'SESSION_REVOKED' },
    },
  });
  globalThis.fetch = fetchMock as never;
  const err = await rejection(callPath('GET', '/v1/me', Anything));
  expect(err.code).toBe('UNAUTHENTICATED');
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(getSession()).toBeUndefined();
});

test("a link without the record's id is refused before sending, with a message a person can act on", async () => {
  // a detail page opened from a link without ?id= (or mounted before its route settled)
  globalThis.fetch = answer(200, {}) as never;
  const err = await rejection(call(getApplication, { params: { id: '' } }));
  expect(err.code).toBe('BAD_LINK');
  expect(err.status).toBe(0);
  expect(err.message).toBe('链接不完整，找不到要打开的记录');
  expect(globalThis.fetch).not.toHaveBeenCalled();
});

test('query values are encoded and empty ones dropped', async () => {
  const fetchMock = answer(200, { items: [] });
  globalThis.fetch = fetchMock as never;
  await callPath(
    'GET',
    withQuery('/v1/review/queue', { status: 'review_l1', cursor: 'a b&c', policyId: undefined }),
    Anything,
  );
  expect(fetchMock.mock.calls[0][0]).toBe(
    'http://api.test/v1/review/queue?status=review_l1&cursor=a%20b%26c',
  );
});

test('an answer that does not match the shared schema is refused, not half-drawn', async () => {
  globalThis.fetch = answer(200, { items: [{ id: 1 }] }) as never;
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const err = await rejection(
    callPath('GET', '/v1/grants', z.object({ items: z.array(z.object({ id: z.string() })) })),
  );
  expect(err.code).toBe('BAD_RESPONSE');
  expect(err.message).toBe('系统繁忙，请稍后再试');
  expect(spy).toHaveBeenCalled();
  spy.mockRestore();
});

test("a base of '/' (the local stack's H5 build) gives same-origin /v1 URLs", () => {
  expect(normalizeBase('/') + '/v1/me').toBe('/v1/me');
  expect(normalizeBase('https://api.example.cn/') + '/v1/me').toBe('https://api.example.cn/v1/me');
  expect(normalizeBase(undefined)).toBe('http://localhost:3000');
});
