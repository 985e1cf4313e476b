/** The verification clients answer match/mismatch or UNAVAILABLE (503) — never a 500, never a guess. */
import { realNameApi, realNameCheck } from './real-name';
import { enterpriseRegistryApi } from './enterprise-registry';

const reply = (status: number, body: unknown) =>
  jest.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
const q = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };

describe('realNameApi', () => {
  it('answers the provider verdict and sends the query with the bearer key', async () => {
    const fetchFn = reply(200, { result: 'mismatch' });
    expect(await realNameApi('https://rn.example/', 'k1', { fetchFn }).verify(q)).toBe('mismatch');
    const [url, init] = (fetchFn as unknown as jest.Mock).mock.calls[0];
    expect(url).toBe('https://rn.example/v1/verify');
    expect(JSON.parse(init.body)).toEqual(q);
    expect(init.headers.authorization).toBe('Bearer k1');
  });

  it.each([
    ['a 503', reply(503, {})],
    ['a 200 without a verdict', reply(200, { result: 'maybe' })],
    [
      'a refused connection',
      jest.fn(async () => {
        throw new TypeError('fetch failed');
      }) as unknown as typeof fetch,
    ],
  ])('turns %s into UNAVAILABLE', async (_what, fetchFn) => {
    await expect(
      realNameApi('https://rn.example', undefined, { fetchFn }).verify(q),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'REAL_NAME_UNAVAILABLE' } });
  });

  it('gives up after its timeout', async () => {
    const fetchFn = ((_u: unknown, init: { signal: AbortSignal }) =>
      new Promise((_r, reject) =>
        init.signal.addEventListener('abort', () => reject(init.signal.reason as Error)),
      )) as unknown as typeof fetch;
    await expect(
      realNameApi('https://rn.example', undefined, { fetchFn, timeoutMs: 20 }).verify(q),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses (503) rather than pretends when no provider is configured', () => {
    const saved = process.env.REAL_NAME_URL;
    delete process.env.REAL_NAME_URL;
    expect(() => realNameCheck()).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
    if (saved !== undefined) process.env.REAL_NAME_URL = saved;
  });
});

describe('enterpriseRegistryApi', () => {
  const e = {
    uscc: '91350100M000100Y43',
    legalRepName: '张三',
    legalRepIdNumber: '11010519491231002X',
  };
  it('answers a match with the registered name, or a mismatch', async () => {
    expect(
      await enterpriseRegistryApi('https://er.example', undefined, {
        fetchFn: reply(200, { result: 'match', enterpriseName: ' 某某公司 ' }),
      }).verify(e),
    ).toEqual({ result: 'match', enterpriseName: '某某公司' });
    expect(
      await enterpriseRegistryApi('https://er.example', undefined, {
        fetchFn: reply(200, { result: 'mismatch' }),
      }).verify(e),
    ).toEqual({ result: 'mismatch' });
  });
  it('turns a match without a name, or a 500, into UNAVAILABLE', async () => {
    await expect(
      enterpriseRegistryApi('https://er.example', undefined, {
        fetchFn: reply(200, { result: 'match' }),
      }).verify(e),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(
      enterpriseRegistryApi('https://er.example', undefined, { fetchFn: reply(500, {}) }).verify(e),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
