/**
 * The seed policies' eligibility and amount rules rewritten by hand for json-logic-js
 * (2.0.5), the reference the compiled engine (`shared/rules`) is measured against.
 *
 * Each policy is one json-logic expression over `{ ...factView, asOf }` that returns the
 * capped amount in fen when every condition (effective window included) holds, and null
 * otherwise. Written the way a json-logic user would write them: `filter` + `reduce` for
 * count/sum, `<=` with three arguments for a date window, explicit `!== null` guards where
 * the engine's "a known none compares false" would otherwise differ from JS coercion
 * (`null <= null` is true in JS). `and` short-circuits here while the engine evaluates
 * every condition (to show all reasons), which can only flatter json-logic.
 *
 * The json-logic versions know nothing of missing facts (three-valued logic): the bench
 * inputs carry every feed these rules read, and `rules.ts` checks that both engines agree
 * on verdict and amount for every input before timing anything.
 */
import jsonLogic from 'json-logic-js';
import { addMonths } from '../../shared/facts/dates';
import { SERVICE_INDUSTRIES } from '../../shared/facts/sources';

/** json-logic has no date arithmetic; this is the one operation added (same function as the engine's). */
// json-logic passes undefined for a missing var
jsonLogic.add_operation('addMonths', (date: string | null | undefined, months: number) =>
  date === null || date === undefined ? null : addMonths(date, months),
);

type Logic = unknown;
const v = (path: string): Logic => ({ var: path });
const eq = (a: Logic, b: Logic): Logic => ({ '===': [a, b] });
const ne = (a: Logic, b: Logic): Logic => ({ '!==': [a, b] });
const gte = (a: Logic, b: Logic): Logic => ({ '>=': [a, b] });
const and = (...xs: Logic[]): Logic => ({ and: xs });
const or = (...xs: Logic[]): Logic => ({ or: xs });
const isIn = (a: Logic, options: readonly (string | number)[]): Logic => ({
  in: [a, [...options]],
});
/** Inclusive date window, false when the value is a known none. */
const within = (value: Logic, from: Logic, to: Logic): Logic =>
  and(ne(value, null), { '<=': [from, value, to] });
const count = (list: string, where: Logic): Logic => ({
  reduce: [{ filter: [v(list), where] }, { '+': [v('accumulator'), 1] }, 0],
});
/** `of` reads the element as `current.<field>` (json-logic's reduce scope). */
const sum = (list: string, where: Logic, of: Logic): Logic => ({
  reduce: [{ filter: [v(list), where] }, { '+': [v('accumulator'), of] }, 0],
});
const tier = (value: Logic, tiers: readonly [number, number][], otherwise: number): Logic => ({
  if: [...tiers.flatMap(([atLeast, amount]) => [gte(value, atLeast), amount]), otherwise],
});

export interface JsonLogicPolicy {
  id: string;
  effectiveFrom: string;
  effectiveTo: string;
  capFen: number;
  /** conditions and amount; evaluates to the capped amount in fen, or null when not eligible */
  logic: Logic;
}

function policy(
  id: string,
  effectiveFrom: string,
  effectiveTo: string,
  capFen: number,
  conditions: Logic[],
  amount: Logic,
): JsonLogicPolicy {
  const window = { '<=': [effectiveFrom, v('asOf'), effectiveTo] };
  return {
    id,
    effectiveFrom,
    effectiveTo,
    capFen,
    logic: { if: [and(window, ...conditions), { min: [{ max: [0, amount] }, capFen] }, null] },
  };
}

// ── shared conditions (formerly shared/policies/common.ts; now in shared/policies/data/*.json) ────────────────────────────

const operating = eq(v('market_registry.status'), 'operating');
const sme = and(
  eq(v('market_registry.kind'), 'enterprise'),
  isIn(v('market_registry.size'), ['micro', 'small', 'medium']),
);
const smallMicroOrIndividual = or(
  eq(v('market_registry.kind'), 'individual_business'),
  isIn(v('market_registry.size'), ['micro', 'small']),
);
const poorOrMarginal = or(
  eq(v('poverty_registry.registeredPoor'), true),
  eq(v('poverty_registry.marginal'), true),
);
const organisedTransfer = and(
  eq(v('employment_registry.transferredOrganised'), true),
  within(v('employment_registry.transferredOn'), '2020-01-01', '2020-12-31'),
);

// ── hire-local ───────────────────────────────────────────────────────────────

const newLocalHire2020 = and(
  eq(v('local'), true),
  within(v('hiredOn'), '2020-01-01', '2020-12-31'),
);

export const hireLocal = policy(
  'hire-local',
  '2020-01-01',
  '2021-12-31',
  20_000_000,
  [
    operating,
    sme,
    gte(
      count('social_insurance.employees', and(newLocalHire2020, gte(v('consecutiveMonths'), 6))),
      1,
    ),
  ],
  sum(
    'social_insurance.employees',
    newLocalHire2020,
    tier(
      v('current.consecutiveMonths'),
      [
        [12, 200_000],
        [6, 100_000],
      ],
      0,
    ),
  ),
);

// ── hire-poor ────────────────────────────────────────────────────────────────

const poorHire2020 = and(
  eq(v('local'), true),
  eq(v('registeredPoor'), true),
  within(v('hiredOn'), '2020-01-01', '2020-12-31'),
);

export const hirePoor = policy(
  'hire-poor',
  '2020-01-01',
  '2021-12-31',
  25_000_000,
  [
    operating,
    gte(count('social_insurance.employees', and(poorHire2020, gte(v('consecutiveMonths'), 6))), 1),
  ],
  sum(
    'social_insurance.employees',
    poorHire2020,
    tier(
      v('current.consecutiveMonths'),
      [
        [12, 500_000],
        [6, 300_000],
      ],
      0,
    ),
  ),
);

// ── job-retention-refund ─────────────────────────────────────────────────────

const layoffRateAtMost = (bp: number): Logic => ({
  '<=': [
    { '*': [v('social_insurance.layoffsInYear'), 10_000] },
    { '*': [v('social_insurance.headcountAtYearStart'), bp] },
  ],
});

export const jobRetentionRefund = policy(
  'job-retention-refund',
  '2020-01-01',
  '2020-12-31',
  50_000_000,
  [
    operating,
    sme,
    and(eq(v('social_insurance.contributionYear'), 2019), {
      '>': [v('social_insurance.unemploymentInsurancePaidFen'), 0],
    }),
    or(
      layoffRateAtMost(550),
      and({ '<=': [v('social_insurance.headcountAtYearStart'), 30] }, layoffRateAtMost(2000)),
    ),
  ],
  // mulDiv(paid, 10000, 10000): floor(paid × 10000 ÷ 10000)
  {
    '/': [
      {
        '-': [
          { '*': [v('social_insurance.unemploymentInsurancePaidFen'), 10_000] },
          { '%': [{ '*': [v('social_insurance.unemploymentInsurancePaidFen'), 10_000] }, 10_000] },
        ],
      },
      10_000,
    ],
  },
);

// ── rent-waiver-state ────────────────────────────────────────────────────────

const stateLeaseH1 = and(
  eq(v('landlordKind'), 'state'),
  { '<=': [v('startOn'), '2020-06-30'] },
  { '>=': [v('endOn'), '2020-01-01'] },
);

export const rentWaiverState = policy(
  'rent-waiver-state',
  '2020-01-01',
  '2020-12-31',
  15_000_000,
  [
    operating,
    smallMicroOrIndividual,
    isIn(v('market_registry.industry'), SERVICE_INDUSTRIES),
    gte(count('lease_registry.leases', stateLeaseH1), 1),
  ],
  sum('lease_registry.leases', stateLeaseH1, { '*': [v('current.monthlyRentFen'), 3] }),
);

// ── transfer-transport ───────────────────────────────────────────────────────

export const transferTransport = policy(
  'transfer-transport',
  '2020-01-01',
  '2021-12-31',
  60_000,
  [poorOrMarginal, organisedTransfer],
  {
    if: [
      eq(v('employment_registry.transferDestination'), 'out_of_province'),
      60_000,
      eq(v('employment_registry.transferDestination'), 'in_province'),
      30_000,
      0,
    ],
  },
);

// ── transfer-stable ──────────────────────────────────────────────────────────

const stableMonths = v('social_insurance.consecutiveMonths');

export const transferStable = policy(
  'transfer-stable',
  '2020-01-01',
  '2021-12-31',
  570_000,
  [
    poorOrMarginal,
    organisedTransfer,
    and(eq(v('social_insurance.employment'), 'employed'), gte(stableMonths, 3)),
  ],
  {
    '+': [
      tier(stableMonths, [[3, 180_000]], 0),
      tier(stableMonths, [[6, 240_000]], 0),
      tier(stableMonths, [[3, 150_000]], 0),
    ],
  },
);

// ── startup-grant ────────────────────────────────────────────────────────────

const startedOn = v('employment_registry.firstBusinessStartedOn');

export const startupGrant = policy(
  'startup-grant',
  '2020-01-01',
  '2021-12-31',
  500_000,
  [
    or(
      and(
        ne(startedOn, null),
        within(v('employment_registry.graduateOn'), { addMonths: [startedOn, -24] }, startedOn),
      ),
      eq(v('employment_registry.employmentDifficulty'), true),
      eq(v('poverty_registry.registeredPoor'), true),
      eq(v('employment_registry.returningMigrant'), true),
    ),
    ne(startedOn, null),
    and(
      ne(v('employment_registry.businessMonthsOperating'), null),
      gte(v('employment_registry.businessMonthsOperating'), 12),
      eq(v('employment_registry.businessOperatingNormally'), true),
    ),
  ],
  500_000,
);

export const JSON_LOGIC_POLICIES: readonly JsonLogicPolicy[] = [
  hireLocal,
  hirePoor,
  jobRetentionRefund,
  rentWaiverState,
  transferTransport,
  transferStable,
  startupGrant,
];

export interface JsonLogicResult {
  verdict: 'eligible' | 'ineligible';
  amountFen: number;
}

/** One evaluation: the view's sources plus `asOf`, as json-logic's data object. */
export function applyJsonLogic(p: JsonLogicPolicy, data: Record<string, unknown>): JsonLogicResult {
  const out = jsonLogic.apply(p.logic, data);
  return out === null || out === undefined
    ? { verdict: 'ineligible', amountFen: 0 }
    : { verdict: 'eligible', amountFen: Number(out) };
}
