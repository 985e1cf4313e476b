/**
 * The bulk fast path (`decide`) against the explained path (`evaluate`): on every catalogue
 * policy and a generated population with missing sources, missing fields, "none" values and
 * dates on both sides of every effective window, verdict, eligible and amount are equal, and
 * so are the missing facts whenever the explained path says 'incomplete'.
 */
import type { Fact } from '../facts/fact';
import * as ex from '../facts/examples';
import { listPolicies, SEED_PARAM_VALUES as params } from '../policies';
import * as r from './build';
import { compileRuleSet, decide, evaluate, type RuleSet, type Verdict } from './evaluate';

/** mulberry32: the same population on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20240611);
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const DATES = [
  '2018-06-30',
  '2019-07-01',
  '2020-01-01',
  '2020-03-15',
  '2020-06-30',
  '2020-12-31',
  '2021-02-01',
  '2021-06-30',
  '2021-12-31',
  '2022-05-01',
  '2023-01-01',
  '2023-08-15',
  '2023-12-31',
  '2024-01-01',
];
const dateOrNull = () => (chance(0.25) ? null : pick(DATES));

/** Sometimes drop one field, as a partial record from a feed would: a field-level missing fact. */
function holey<T extends object>(values: T): T {
  if (!chance(0.08)) return values;
  const dropped = pick(Object.keys(values));
  return Object.fromEntries(Object.entries(values).filter(([k]) => k !== dropped)) as T;
}

/** Facts built by the example builders, with their values randomised (and holed). */
function withValues<F extends Fact>(f: F, values: F['values']): F {
  return { ...f, values: holey(values) };
}

const employee = (i: number) =>
  holey(
    ex.employee({
      personId: `P-${i}`,
      local: chance(0.7),
      registeredPoor: chance(0.3),
      hiredOn: pick(DATES),
      consecutiveMonths: int(0, 24),
      trainedOn: dateOrNull(),
    }),
  );

function enterprise(id: string): Fact[] {
  const facts: Fact[] = [];
  if (chance(0.85)) {
    const m = ex.marketRegistry(
      {
        kind: pick([
          'enterprise',
          'individual_business',
          'cooperative',
          'family_farm',
          'poverty_workshop',
        ] as const),
        size: pick(['micro', 'small', 'medium', 'large'] as const),
        industry: pick([
          'manufacturing',
          'wholesale_retail',
          'catering',
          'hr_services',
          'technology',
          'construction',
        ] as const),
        retailFormat: pick(['large_supermarket', 'convenience_chain', 'other', null] as const),
        aboveQuota: chance(0.5),
        status: pick(['operating', 'operating', 'operating', 'suspended', 'deregistered'] as const),
      },
      id,
    );
    facts.push(withValues(m, m.values));
  }
  if (chance(0.8)) {
    const s = ex.employerInsurance(
      {
        employees: times(int(0, 6), employee),
        contributionYear: pick([2019, 2020, 2022]),
        unemploymentInsurancePaidFen: pick([0, 1_234_567, 9_999_999]),
        headcountAtYearStart: int(0, 60),
        layoffsInYear: pick([0, 0, 1, 3, 10]),
      },
      id,
      { from: pick(['2019-01-01', '2021-01-01']), to: null },
    );
    facts.push(withValues(s, s.values));
  } else if (chance(0.2)) {
    facts.push(ex.personInsurance({}, id)); // the wrong role: every employer field is missing
  }
  if (chance(0.6)) {
    const leases = times(int(0, 3), (i) =>
      holey(
        ex.lease({
          leaseId: `L-${i}`,
          landlordKind: pick(['state', 'public_institution', 'private'] as const),
          premises: pick(['ordinary', 'incubator_base'] as const),
          monthlyRentFen: pick([0, 150_000, 300_000, 2_000_000]),
          monthlyServiceFeesFen: pick([0, 20_000]),
          startOn: pick(DATES),
          endOn: pick(DATES),
        }),
      ),
    );
    facts.push(ex.leaseRegistry(leases, id));
  }
  if (chance(0.5)) {
    const awards = times(int(0, 3), () =>
      holey({
        code: pick(['production_target', 'high_tech', 'supply_guarantee', 'other'] as const),
        year: pick([2020, 2022, 2023]),
        amountFen: pick([0, 5_000_000, 300_000_000]),
        listedOn: pick(DATES),
      }),
    );
    facts.push(ex.awardList(awards, id, { from: pick(['2019-01-01', '2023-01-01']), to: null }));
  }
  if (chance(0.4)) {
    const placements = times(int(0, 4), (i) =>
      holey(
        ex.placement({
          personId: `P-${100 + i}`,
          registeredPoor: chance(0.6),
          placedOn: pick(DATES),
          contractMonths: pick([3, 6, 12, 24]),
          monthsPerformed: int(0, 12),
        }),
      ),
    );
    facts.push(ex.agencyPlacements(placements, id));
  }
  if (chance(0.5)) facts.push(ex.taxRecord({ creditRating: pick(['A', 'B', 'D'] as const) }, id));
  return facts;
}

function person(id: string): Fact[] {
  const facts: Fact[] = [];
  if (chance(0.85)) {
    const e = ex.personEmployment(
      {
        graduateOn: dateOrNull(),
        employmentDifficulty: chance(0.3),
        returningMigrant: chance(0.3),
        veteran: chance(0.1),
        firstBusinessStartedOn: dateOrNull(),
        businessMonthsOperating: pick([null, 3, 6, 12, 24]),
        businessOperatingNormally: pick([null, true, true, false]),
        transferredOrganised: chance(0.6),
        transferDestination: pick([null, 'in_province', 'out_of_province'] as const),
        transferredOn: dateOrNull(),
      },
      id,
    );
    facts.push(withValues(e, e.values));
  }
  if (chance(0.8)) {
    const p = ex.povertyRegistry({ registeredPoor: chance(0.5), marginal: chance(0.3) }, id);
    facts.push(withValues(p, p.values));
  }
  if (chance(0.75)) {
    const s = ex.personInsurance(
      {
        employment: pick(['employed', 'flexible', 'unemployed'] as const),
        consecutiveMonths: int(0, 24),
        contributionYear: pick([2020, 2021, 2023]),
        flexibleInsurancePaidFen: pick([0, 150_000, 900_000]),
      },
      id,
    );
    facts.push(withValues(s, s.values));
  } else if (chance(0.2)) {
    facts.push(ex.employerInsurance({}, id)); // the wrong role
  }
  if (chance(0.6)) {
    const loans = times(int(0, 3), (i) =>
      holey(
        ex.loan({
          loanId: `LN-${i}`,
          kind: pick(['startup_guarantee', 'poverty_micro', 'other'] as const),
          status: pick(['active', 'repaid', 'overdue', 'defaulted'] as const),
          repaidOnTime: chance(0.8),
          outstandingFen: pick([0, 5_000_000, 20_000_000]),
          annualRateBp: pick([0, 435, 600]),
        }),
      ),
    );
    facts.push(ex.loanRegistry(loans, id));
  }
  return facts;
}

const POPULATION = times(1200, (i) => {
  const id = i % 2 === 0 ? `E-${i}` : `${i}`.padStart(18, '6');
  return { name: `#${i}`, facts: i % 2 === 0 ? enterprise(id) : person(id), asOf: pick(DATES) };
});
const POLICIES = listPolicies();

function compareAll(policy: RuleSet) {
  const seen: Record<Verdict, number> = { eligible: 0, ineligible: 0, incomplete: 0 };
  const differences: unknown[] = [];
  for (const s of POPULATION) {
    const full = evaluate(policy, s.facts, s.asOf, { params });
    const quiet = evaluate(policy, s.facts, s.asOf, { explain: false, params });
    const fast = decide(policy, s.facts, s.asOf, params);
    seen[full.verdict]++;
    const expected = {
      verdict: full.verdict,
      eligible: full.eligible,
      amountFen: full.amountFen,
      missingFacts: full.verdict === 'incomplete' ? full.missingFacts : [],
    };
    const got = {
      verdict: fast.verdict,
      eligible: fast.eligible,
      amountFen: fast.amountFen,
      missingFacts: [...fast.missingFacts],
    };
    if (JSON.stringify(got) !== JSON.stringify(expected))
      differences.push({ subject: s.name, asOf: s.asOf, expected, got });
    // explain: false changes nothing but the values shown
    const strip = (e: typeof full) => ({
      ...e,
      conditions: e.conditions.map((c) => ({ ...c, values: {} })),
    });
    if (JSON.stringify(strip(quiet)) !== JSON.stringify(strip(full)))
      differences.push({ subject: s.name, explainFalse: quiet, full });
  }
  return { seen, differences };
}

describe('decide (bulk fast path) equals evaluate', () => {
  const totals: Record<Verdict, number> = { eligible: 0, ineligible: 0, incomplete: 0 };

  it('covers the whole catalogue', () => {
    expect(POLICIES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(POLICIES.map((p) => [p.id, p] as const))(
    '%s: verdict, eligible, amount and missing facts',
    (_, policy) => {
      const { seen, differences } = compareAll(policy);
      expect(differences.slice(0, 3)).toEqual([]);
      for (const v of Object.keys(seen) as Verdict[]) totals[v] += seen[v];
      // every policy meets subjects it refuses and subjects it cannot yet decide
      expect(seen.ineligible).toBeGreaterThan(0);
      expect(seen.incomplete).toBeGreaterThan(0);
    },
  );

  it('the population exercised every verdict in bulk', () => {
    expect(totals.eligible).toBeGreaterThan(100);
    expect(totals.incomplete).toBeGreaterThan(1000);
    expect(totals.ineligible).toBeGreaterThan(1000);
  });

  it('every policy grants someone in the population', () => {
    const granted = POLICIES.filter((p) =>
      POPULATION.some(
        (s) =>
          decide(p, s.facts, s.asOf, params).eligible &&
          decide(p, s.facts, s.asOf, params).amountFen > 0,
      ),
    );
    expect(granted.map((p) => p.id)).toEqual(POLICIES.map((p) => p.id));
  });
});

/** Hand-made cases for the short-circuit's one subtle point: undecided ≠ failed. */
describe('decide short-circuit', () => {
  const toy: RuleSet = {
    id: 'toy',
    version: 1,
    effectiveFrom: '2021-01-01',
    effectiveTo: '2021-12-31',
    eligibility: [
      r.condition(
        'sme',
        '属于中小微企业',
        r.oneOf(r.fact('market_registry.size'), ['micro', 'small', 'medium']),
      ),
      r.condition(
        'paid',
        '已缴失业保险',
        r.gt(r.fact('social_insurance.unemploymentInsurancePaidFen'), 0),
      ),
      r.condition('rated', '纳税信用良好', r.oneOf(r.fact('tax.creditRating'), ['A', 'B'])),
    ],
    amount: r.mulDiv(r.fact('social_insurance.unemploymentInsurancePaidFen'), 5_000, 10_000),
    capFen: 500_000,
  };
  const market = (size: 'micro' | 'large') => ex.marketRegistry({ size });
  const insurance = (paid: number) => ex.employerInsurance({ unemploymentInsurancePaidFen: paid });
  const tax = (creditRating: 'A' | 'D') => ex.taxRecord({ creditRating });
  const AS_OF = '2021-06-01';

  it.each<[string, Fact[], Verdict, number, string[]]>([
    ['all pass', [market('micro'), insurance(400_000), tax('A')], 'eligible', 200_000, []],
    ['cap', [market('micro'), insurance(4_000_000), tax('A')], 'eligible', 500_000, []],
    ['missing first, fails last: ineligible', [insurance(400_000), tax('D')], 'ineligible', 0, []],
    ['fails first, missing later: ineligible', [market('large')], 'ineligible', 0, []],
    [
      'missing only: incomplete, all asked for',
      [market('micro')],
      'incomplete',
      0,
      ['social_insurance', 'tax'],
    ],
    ['missing amount fact too', [market('micro'), tax('A')], 'incomplete', 0, ['social_insurance']],
  ])('%s', (_, facts, verdict, amountFen, missing) => {
    const d = decide(toy, facts, AS_OF);
    const e = evaluate(toy, facts, AS_OF);
    expect(d).toEqual({
      verdict,
      eligible: verdict === 'eligible',
      amountFen,
      missingFacts: missing,
    });
    expect([e.verdict, e.amountFen]).toEqual([verdict, amountFen]);
  });

  it('outside the effective window: ineligible without reading any fact', () => {
    const view = new Proxy(
      {},
      {
        get: () => {
          throw new Error('read a fact');
        },
      },
    );
    expect(compileRuleSet(toy).decideView(view, '2022-01-01')).toEqual({
      verdict: 'ineligible',
      eligible: false,
      amountFen: 0,
      missingFacts: [],
    });
  });

  it('stops at the first failed condition', () => {
    const reads: string[] = [];
    const view = new Proxy(
      { market_registry: market('large').values, tax: tax('A').values },
      {
        get: (target, key: string) => {
          reads.push(key);
          return (target as Record<string, unknown>)[key];
        },
      },
    );
    expect(compileRuleSet(toy).decideView(view, AS_OF).verdict).toBe('ineligible');
    expect(reads).toEqual(['market_registry']);
  });
});
