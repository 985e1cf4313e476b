/**
 * Realistic subjects for the benches, built with the facts example builders: enterprises
 * with insured employees, leases and award lists; residents with employment, poverty,
 * social-insurance and loan records. Subject `i` is a pure function of (i, seed), so
 * 100,000 of them are streamed into DynamoDB without ever being held in memory, and a
 * second run sees exactly the same data.
 *
 * Mix: 40 % enterprises, 60 % persons; roughly a quarter of each qualify for something as
 * of the bench date, the rest fail one condition or another (the realistic case for a
 * 免申即享 run: most subjects are evaluated and skipped).
 */
import type { Fact, Period } from '../../shared/facts/fact';
import {
  agencyPlacements,
  awardList,
  employee,
  employerInsurance,
  lease,
  leaseRegistry,
  loan,
  loanRegistry,
  marketRegistry,
  personEmployment,
  personInsurance,
  povertyRegistry,
  taxRecord,
} from '../../shared/facts/examples';
import { Industry, type Employee, type Lease } from '../../shared/facts/sources';
import { idNumberCheckChar, USCC_CHARSET, usccCheckChar } from '../../shared/subject';

/** Inside the 2020 schemes' windows: the business date of the local stack and tests. */
export const BENCH_AS_OF = '2020-12-15';

export interface BenchSubject {
  /** the official code facts name the subject by: 统一社会信用代码 or 居民身份证号 */
  code: string;
  kind: 'enterprise' | 'person';
  facts: Fact[];
}

/** mulberry32: small, fast, good enough to spread the cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rand, p: number) => r() < p;
function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}
function weighted<T>(r: Rand, xs: readonly (readonly [T, number])[]): T {
  let x = r();
  for (const [v, w] of xs) {
    if (x < w) return v;
    x -= w;
  }
  return (xs[xs.length - 1] as readonly [T, number])[0];
}
const pad2 = (n: number) => String(n).padStart(2, '0');
/** A day in [fromYear-01-01, toYear-mm-28]; days capped at 28 so every month is valid. */
function day(r: Rand, fromYear: number, toYear: number, toMonth = 12): string {
  const y = int(r, fromYear, toYear);
  const m = y === toYear ? int(r, 1, toMonth) : int(r, 1, 12);
  return `${y}-${pad2(m)}-${pad2(int(r, 1, 28))}`;
}
function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm));
}
function addMonthsLoose(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}-${pad2(Math.min(d, 28))}`;
}

const COUNTY = '620724';
const open = (from: string): Period => ({ from, to: null });

/** A valid, unique 统一社会信用代码 for enterprise number `n`. */
export function usccFor(n: number): string {
  let body = '';
  let x = n;
  for (let i = 0; i < 9; i++) {
    body = (USCC_CHARSET[x % 31] as string) + body;
    x = Math.floor(x / 31);
  }
  const first17 = `92${COUNTY}${body}`;
  return first17 + usccCheckChar(first17);
}

/** A valid, unique 居民身份证号 for person number `n` (birth dates from 1970-01-01, 999 per day). */
export function idNumberFor(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(n / 999) * 86_400_000);
  const ymd = `${birth.getUTCFullYear()}${pad2(birth.getUTCMonth() + 1)}${pad2(birth.getUTCDate())}`;
  const first17 = `${COUNTY}${ymd}${String((n % 999) + 1).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const INDUSTRIES = Industry.options; // every industry the market registry knows

function enterpriseAt(n: number, r: Rand): BenchSubject {
  const code = usccFor(n);
  const kind = weighted(r, [
    ['enterprise', 0.85],
    ['individual_business', 0.1],
    ['cooperative', 0.05],
  ] as const);
  const size = weighted(r, [
    ['micro', 0.5],
    ['small', 0.3],
    ['medium', 0.15],
    ['large', 0.05],
  ] as const);
  const status = weighted(r, [
    ['operating', 0.92],
    ['suspended', 0.05],
    ['deregistered', 0.03],
  ] as const);
  const industry = pick(r, INDUSTRIES);
  const facts: Fact[] = [
    marketRegistry(
      {
        name: `高台县示例企业${n}`,
        kind,
        size,
        industry,
        status,
        registeredOn: day(r, 2005, 2019),
        county: COUNTY,
      },
      code,
      open('2019-01-01'),
    ),
  ];
  // Insured employees: most hired before 2020, some in 2020 (hire-local, hire-poor).
  const employees: Employee[] = [];
  const staff = int(r, 0, 8);
  for (let e = 0; e < staff; e++) {
    const hiredOn = chance(r, 0.45) ? day(r, 2020, 2020, 11) : day(r, 2015, 2019);
    employees.push(
      employee({
        personId: `P-${n}-${e}`,
        local: chance(r, 0.7),
        registeredPoor: chance(r, 0.1),
        hiredOn,
        consecutiveMonths: int(r, 0, Math.min(18, monthsBetween(hiredOn, BENCH_AS_OF))),
        trainedOn: chance(r, 0.05) ? day(r, 2020, 2020, 11) : null,
      }),
    );
  }
  const headcount = Math.max(staff, int(r, 1, 60));
  facts.push(
    employerInsurance(
      {
        employees,
        contributionYear: chance(r, 0.9) ? 2019 : 2018,
        unemploymentInsurancePaidFen: chance(r, 0.9) ? headcount * int(r, 300, 1500) * 100 : 0,
        headcountAtYearStart: headcount,
        layoffsInYear: chance(r, 0.7) ? 0 : int(r, 0, Math.ceil(headcount * 0.3)),
      },
      code,
      open('2020-01-01'),
    ),
  );
  facts.push(
    taxRecord(
      { revenueFen: int(r, 100_000, 50_000_000) * 100, taxPaidFen: int(r, 1_000, 1_500_000) * 100 },
      code,
    ),
  );
  // The lease registry answers for every enterprise: an empty list means "no lease on file".
  const leases: Lease[] = [];
  if (chance(r, 0.4)) {
    for (let l = 0, k = int(r, 1, 2); l < k; l++) {
      const startOn = day(r, 2018, 2020, 10);
      leases.push(
        lease({
          leaseId: `L-${n}-${l}`,
          landlordKind: weighted(r, [
            ['state', 0.4],
            ['private', 0.5],
            ['public_institution', 0.1],
          ] as const),
          monthlyRentFen: int(r, 800, 20_000) * 100,
          startOn,
          endOn: addMonthsLoose(startOn, int(r, 6, 36)),
        }),
      );
    }
  }
  facts.push(leaseRegistry(leases, code, open('2019-01-01')));
  if (chance(r, 0.15)) {
    facts.push(
      awardList(
        [
          {
            code: pick(r, ['production_target', 'tech_upgrade', 'high_tech', 'other'] as const),
            year: pick(r, [2020, 2023]),
            amountFen: int(r, 10, 500) * 100_000,
            listedOn: '2020-06-30',
          },
        ],
        code,
        open('2020-01-01'),
      ),
    );
  }
  if (industry === 'hr_services' && chance(r, 0.5)) {
    facts.push(agencyPlacements([], code, open('2020-01-01')));
  }
  return { code, kind: 'enterprise', facts };
}

function personAt(n: number, r: Rand): BenchSubject {
  const code = idNumberFor(n);
  const transferred = chance(r, 0.25);
  const started = chance(r, 0.18);
  const startedOn = started ? day(r, 2016, 2020, 6) : null;
  const facts: Fact[] = [
    personEmployment(
      {
        graduateOn: chance(r, 0.2) ? day(r, 2015, 2020, 7) : null,
        employmentDifficulty: chance(r, 0.1),
        returningMigrant: chance(r, 0.1),
        veteran: chance(r, 0.03),
        firstBusinessStartedOn: startedOn,
        businessMonthsOperating: startedOn
          ? int(r, 0, monthsBetween(startedOn, BENCH_AS_OF))
          : null,
        businessOperatingNormally: startedOn ? chance(r, 0.85) : null,
        transferredOrganised: transferred,
        transferDestination: transferred
          ? pick(r, ['in_province', 'out_of_province'] as const)
          : null,
        transferredOn: transferred
          ? chance(r, 0.8)
            ? day(r, 2020, 2020, 10)
            : day(r, 2019, 2019)
          : null,
      },
      code,
      open('2019-01-01'),
    ),
    povertyRegistry(
      {
        registeredPoor: chance(r, transferred ? 0.5 : 0.1),
        marginal: chance(r, 0.08),
        householdId: chance(r, 0.2) ? `H-${COUNTY}-${n}` : null,
      },
      code,
      open('2019-01-01'),
    ),
  ];
  const employment = weighted(r, [
    ['employed', 0.7],
    ['flexible', 0.15],
    ['unemployed', 0.15],
  ] as const);
  facts.push(
    personInsurance(
      {
        employment,
        consecutiveMonths: employment === 'unemployed' ? 0 : int(r, 0, 12),
        employedSince: employment === 'unemployed' ? null : day(r, 2019, 2020, 9),
        contributionYear: 2020,
        flexibleInsurancePaidFen: employment === 'flexible' ? int(r, 1_000, 6_000) * 100 : 0,
      },
      code,
      open('2020-01-01'),
    ),
  );
  if (started && chance(r, 0.5)) {
    facts.push(
      loanRegistry(
        [
          loan({
            loanId: `LN-${n}`,
            principalFen: int(r, 5, 20) * 1_000_000,
            startOn: startedOn ?? '2020-01-01',
            status: pick(r, ['active', 'active', 'repaid'] as const),
          }),
        ],
        code,
        open('2020-01-01'),
      ),
    );
  }
  return { code, kind: 'person', facts };
}

/** Subject number `i` of a generated population: 2 in 5 are enterprises. */
export function subjectAt(i: number, seed = 20201215): BenchSubject {
  const r = rng((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
  return i % 5 < 2 ? enterpriseAt(i, r) : personAt(i, r);
}

export function* subjects(n: number, seed?: number): Generator<BenchSubject> {
  for (let i = 0; i < n; i++) yield subjectAt(i, seed);
}
