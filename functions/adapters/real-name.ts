/**
 * Real-name verification (实名核验, DESIGN §13): does this 居民身份证号 belong to a person of
 * this name (and is the phone theirs)? Production calls the verification provider over HTTPS
 * (REAL_NAME_URL, with REAL_NAME_API_KEY as a bearer key); locally and in tests the same client
 * talks to the fake in infra/fakes/real-name.ts (modes match, mismatch, unavailable, slow).
 *
 * The answer is only `match` or `mismatch`. A provider that cannot answer (down, 5xx, slower
 * than the timeout) is UNAVAILABLE (503): not the person's fault, so it never counts as a
 * failed attempt. The ID number is sent to the provider and nowhere else: never logged.
 */
import { DomainError } from '../../shared/errors';

export interface RealNameQuery {
  name: string;
  idNumber: string;
  phone: string;
}
export type RealNameVerdict = 'match' | 'mismatch';

export interface RealNameCheck {
  verify(q: RealNameQuery): Promise<RealNameVerdict>;
}

export const REAL_NAME_TIMEOUT_MS = 3000;

export const realNameUnavailable = () =>
  new DomainError('UNAVAILABLE', '实名核验服务暂时不可用，请稍后再试（本次不计入失败次数）', {
    reason: 'REAL_NAME_UNAVAILABLE',
  });

/** The HTTP client: POST <url>/v1/verify {name, idNumber, phone} → 200 {result: 'match'|'mismatch'}. */
export function realNameApi(
  baseUrl: string,
  apiKey: string | undefined,
  o: { fetchFn?: typeof fetch; timeoutMs?: number } = {},
): RealNameCheck {
  const fetchFn = o.fetchFn ?? fetch;
  return {
    async verify(q) {
      let res: Response;
      try {
        res = await fetchFn(`${baseUrl.replace(/\/+$/, '')}/v1/verify`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify(q),
          signal: AbortSignal.timeout(o.timeoutMs ?? REAL_NAME_TIMEOUT_MS),
        });
      } catch {
        throw realNameUnavailable(); // timeout or connection refused
      }
      if (!res.ok) throw realNameUnavailable();
      const body = (await res.json().catch(() => undefined)) as { result?: unknown } | undefined;
      if (body?.result === 'match' || body?.result === 'mismatch') return body.result;
      throw realNameUnavailable();
    },
  };
}

export function realNameCheck(): RealNameCheck {
  const url = process.env.REAL_NAME_URL;
  if (!url) throw realNameUnavailable(); // not configured: refuse, never pretend to verify
  return realNameApi(url, process.env.REAL_NAME_API_KEY);
}
