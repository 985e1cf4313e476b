/**
 * Local fake of the enterprise verification (电子营业执照 / market-registry check,
 * functions/adapters/enterprise-registry.ts). Same modes as the real-name fake — match,
 * mismatch, unavailable, slow — globally, per USCC (POST /__mode {mode, uscc}) or per request
 * (header x-fake-mode); a legal representative's name containing 「不符」 always mismatches.
 * A match names the enterprise as the registry would: `测试企业（<USCC 末 6 位>）` unless the
 * fake was given names (`names`).
 *
 * Run alone: `npx tsx infra/fakes/enterprise-registry.ts` (port ENTERPRISE_REGISTRY_PORT, 3102).
 */
import { startFakeVerifier, textOf, type FakeRealName, type RealNameMode } from './real-name';

export type FakeEnterpriseRegistry = FakeRealName;

export function startFakeEnterpriseRegistry(
  o: { port?: number; mode?: RealNameMode; slowMs?: number; names?: Record<string, string> } = {},
): Promise<FakeEnterpriseRegistry> {
  return startFakeVerifier({
    ...o,
    path: '/v1/enterprise/verify',
    keyField: 'uscc',
    matchBody: (body) => {
      const uscc = textOf(body.uscc);
      return {
        result: 'match',
        enterpriseName: o.names?.[uscc] ?? `测试企业（${uscc.slice(-6)}）`,
      };
    },
  });
}

if (require.main === module) {
  void startFakeEnterpriseRegistry({
    port: Number(process.env.ENTERPRISE_REGISTRY_PORT ?? 3102),
  }).then((f) => console.log(`fake enterprise registry on ${f.url}`));
}
