/**
 * Fixtures of the money and 免申即享 tests: generated enterprises with social-insurance
 * facts (hire-local, POLICIES A: 1,000 / 2,000 yuan per local hire stable ≥ 6 / ≥ 12
 * months), tokens, a fake treasury, and the clock instants the services are given.
 */
import type { Fact } from '../../../shared/facts';
import { employee, employerInsurance, marketRegistry } from '../../../shared/facts/examples';
import { instant, type Instant } from '../../../shared/calendar';
import { makeNewId, type SubjectId } from '../../../shared/ids';
import { usccCheckChar } from '../../../shared/subject';
import { signSession } from '../../support/session';
import { now as clockNow } from '../../../functions/_lib/clock';
import { putSubject, subjectIdOf } from '../../../functions/repositories/subjects';
import { useTreasury, httpTreasury } from '../../../functions/adapters/treasury';
import { startFakeTreasury, type FakeMode, type FakeTreasury } from '../../../infra/fakes/treasury';
import { randomBytes } from 'node:crypto';

/** A valid 统一社会信用代码 for enterprise number n. */
export function uscc(n: number, prefix = 'MA'): string {
  const first17 = `91620724${prefix}${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

export type HireProfile = 'six' | 'twelve' | 'short' | 'large';

/**
 * An enterprise's facts. 'six': one local hire stable 6 months (1,000 yuan); 'twelve': two
 * local hires stable 12 months plus a non-local one (4,000 yuan); 'short': a local hire of
 * 3 months (not eligible); 'large': a large enterprise (not eligible).
 */
export function enterpriseFacts(code: string, profile: HireProfile): Fact[] {
  const hires =
    profile === 'six'
      ? [employee({ personId: `${code}-1`, consecutiveMonths: 6, hiredOn: '2020-06-01' })]
      : profile === 'twelve'
        ? [
            employee({ personId: `${code}-1`, consecutiveMonths: 12, hiredOn: '2020-02-01' }),
            employee({ personId: `${code}-2`, consecutiveMonths: 14, hiredOn: '2020-01-15' }),
            employee({
              personId: `${code}-3`,
              consecutiveMonths: 12,
              hiredOn: '2020-02-01',
              local: false,
            }),
          ]
        : [employee({ personId: `${code}-1`, consecutiveMonths: 3, hiredOn: '2020-10-01' })];
  return [
    marketRegistry(
      { name: `企业${code.slice(-6)}`, size: profile === 'large' ? 'large' : 'small' },
      code,
    ),
    employerInsurance({ employees: hires, contributionYear: 2020 }, code),
  ];
}

export const AMOUNT_FEN: Record<HireProfile, number> = {
  six: 100_000,
  twelve: 400_000,
  short: 0,
  large: 0,
};

/** A feed of `counts` enterprises per profile, numbered from `from`. */
export function hireFeed(
  counts: Partial<Record<HireProfile, number>>,
  from = 1,
): { facts: Fact[]; codes: { code: string; profile: HireProfile }[] } {
  const facts: Fact[] = [];
  const codes: { code: string; profile: HireProfile }[] = [];
  let n = from;
  for (const profile of ['six', 'twelve', 'short', 'large'] as const) {
    for (let i = 0; i < (counts[profile] ?? 0); i++) {
      const code = uscc(n++);
      codes.push({ code, profile });
      facts.push(...enterpriseFacts(code, profile));
    }
  }
  return { facts, codes };
}

export const toJsonLines = (facts: readonly Fact[]) =>
  facts.map((f) => JSON.stringify(f)).join('\n');

/** The run's evaluation date: inside hire-local's window (2020-01-01 … 2021-12-31). */
export const AS_OF = '2021-06-30';
/** The platform clock (test business date 2020-12-15, test/support/env.ts): services and handlers agree on it. */
export const T_RUN = clockNow();
export const at = (iso: string): Date => new Date(iso);
export const inst = (d: Date): Instant => instant(d.toISOString());
export const daysAfter = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });

export async function adminToken(): Promise<string> {
  return (await signSession({ kind: 'admin', userId: newId('user') }, new Date())).token;
}

export async function applicantToken(
  code: string,
): Promise<{ token: string; subjectId: SubjectId }> {
  const subjectId = subjectIdOf(code);
  const { token } = await signSession(
    { kind: 'applicant', userId: newId('user'), subjectId },
    new Date(),
  );
  return { token, subjectId };
}

/** A fake gateway the services use for the whole file (short client timeout so 'timeout' is quick). */
export async function fakeTreasury(
  mode: FakeMode = 'ok',
  o: { callbackUrl?: string; timeoutMs?: number } = {},
): Promise<FakeTreasury> {
  const fake = await startFakeTreasury({ mode, callbackUrl: o.callbackUrl });
  fake.holdMs = 3_000;
  useTreasury(httpTreasury(fake.url, o.timeoutMs ?? 400));
  return fake;
}

export const PAYEE = {
  accountName: '高台县示例商贸有限公司',
  bankName: '甘肃银行高台支行',
  accountNumber: '6222000011112222',
};

/** The subject record whose registered name every account check reads (shared/payee): an account must carry it. */
export async function registerSubject(code: string, name = PAYEE.accountName): Promise<void> {
  await putSubject({
    id: subjectIdOf(code),
    kind: 'enterprise',
    name,
    uscc: code,
    size: 'small',
    regionCode: '620724',
  });
}
