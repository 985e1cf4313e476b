/**
 * Enterprise verification (电子营业执照 / market-registry check, DESIGN §13): is this person,
 * by name and 居民身份证号, the legal representative of the enterprise with this 统一社会信用代码?
 * Production calls the provider over HTTPS (ENTERPRISE_REGISTRY_URL, bearer
 * ENTERPRISE_REGISTRY_API_KEY); locally the fake in infra/fakes/enterprise-registry.ts.
 *
 * A match also gives the enterprise's registered name. A provider that cannot answer is
 * UNAVAILABLE (503), never counted as a failed attempt.
 */
import { DomainError } from '../../shared/errors';

export interface EnterpriseQuery {
  uscc: string;
  legalRepName: string;
  legalRepIdNumber: string;
}
export type EnterpriseVerdict =
  { result: 'match'; enterpriseName: string } | { result: 'mismatch' };

export interface EnterpriseCheck {
  verify(q: EnterpriseQuery): Promise<EnterpriseVerdict>;
}

export const ENTERPRISE_CHECK_TIMEOUT_MS = 3000;

export const enterpriseCheckUnavailable = () =>
  new DomainError('UNAVAILABLE', '企业身份核验服务暂时不可用，请稍后再试（本次不计入失败次数）', {
    reason: 'ENTERPRISE_CHECK_UNAVAILABLE',
  });

/** POST <url>/v1/enterprise/verify {uscc, legalRepName, legalRepIdNumber} → {result, enterpriseName?}. */
export function enterpriseRegistryApi(
  baseUrl: string,
  apiKey: string | undefined,
  o: { fetchFn?: typeof fetch; timeoutMs?: number } = {},
): EnterpriseCheck {
  const fetchFn = o.fetchFn ?? fetch;
  return {
    async verify(q) {
      let res: Response;
      try {
        res = await fetchFn(`${baseUrl.replace(/\/+$/, '')}/v1/enterprise/verify`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify(q),
          signal: AbortSignal.timeout(o.timeoutMs ?? ENTERPRISE_CHECK_TIMEOUT_MS),
        });
      } catch {
        throw enterpriseCheckUnavailable();
      }
      if (!res.ok) throw enterpriseCheckUnavailable();
      const body = (await res.json().catch(() => undefined)) as
        { result?: unknown; enterpriseName?: unknown } | undefined;
      if (body?.result === 'mismatch') return { result: 'mismatch' };
      if (
        body?.result === 'match' &&
        typeof body.enterpriseName === 'string' &&
        body.enterpriseName.trim()
      ) {
        return { result: 'match', enterpriseName: body.enterpriseName.trim().slice(0, 100) };
      }
      throw enterpriseCheckUnavailable();
    },
  };
}

export function enterpriseCheck(): EnterpriseCheck {
  const url = process.env.ENTERPRISE_REGISTRY_URL;
  if (!url) throw enterpriseCheckUnavailable();
  return enterpriseRegistryApi(url, process.env.ENTERPRISE_REGISTRY_API_KEY);
}
