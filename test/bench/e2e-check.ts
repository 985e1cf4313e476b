/**
 * The end-to-end figure's check (issue #16): who is owed what under the five 免申即享 policies
 * of the bench date, written here by hand from the policy text — POLICIES.md §A, §B, §D and the
 * clause each policy quotes (seed 003) — over the generated facts. It does not use the rules
 * engine, the policy documents or the dated parameters: the numbers below are the text's
 * (5.5 %, 20 % for ≤ 30 insured, 3 months' rent, 1,000 / 2,000 per hire …), so an engine that
 * misreads a rule, or a pipeline that loses or doubles a grant, shows up as a difference.
 *
 * Conditions the text leaves implicit are the catalogue's common ones, stated here as such:
 * the market entity must be registered and operating (存续), and 中小微企业 are entities
 * registered as enterprises that are not large.
 */
import type { Fact } from '../../shared/facts/fact';
import type { BenchSubject } from './subjects';

export const E2E_POLICIES = [
  'hire-local',
  'hire-poor',
  'job-retention-refund',
  'rent-waiver-state',
  'transfer-stable',
] as const;
export type E2EPolicy = (typeof E2E_POLICIES)[number];

export interface Owed {
  policy: E2EPolicy;
  fen: number;
}

type Values<S extends Fact['source']> = Extract<Fact, { source: S }>['values'];

/** The fact of `source` in force on `asOf` (its period holds that day), if any. */
function inForce<S extends Fact['source']>(
  s: BenchSubject,
  source: S,
  asOf: string,
): Values<S> | undefined {
  const f = s.facts.find(
    (x) =>
      x.source === source && x.period.from <= asOf && (x.period.to === null || asOf <= x.period.to),
  );
  return f?.values as Values<S> | undefined;
}

const YUAN = 100;
const in2020 = (date: string | null | undefined) =>
  date !== null && date !== undefined && date >= '2020-01-01' && date <= '2020-12-31';
/** 服务业 (the rent clause's "服务业小微企业"): trade, catering, lodging, transport, culture and tourism, services. */
const SERVICE_SECTOR = new Set([
  'wholesale_retail',
  'catering',
  'lodging',
  'transport',
  'culture_tourism',
  'hr_services',
  'technology',
  'other_services',
]);

function enterpriseOwed(s: BenchSubject, asOf: string): Owed[] {
  const registry = inForce(s, 'market_registry', asOf);
  if (registry?.status !== 'operating') return [];
  const out: Owed[] = [];
  const sme = registry.kind === 'enterprise' && registry.size !== 'large';
  const insurance = inForce(s, 'social_insurance', asOf);
  const employer = insurance && 'employees' in insurance ? insurance : undefined;

  // 保居民就业 §四(二)6: 中小微企业, local hires of 2020 stable ≥ 6 / ≥ 12 months: 1,000 / 2,000 yuan each
  if (sme && employer) {
    let fen = 0;
    for (const e of employer.employees) {
      if (!e.local || !in2020(e.hiredOn)) continue;
      if (e.consecutiveMonths >= 12) fen += 2_000 * YUAN;
      else if (e.consecutiveMonths >= 6) fen += 1_000 * YUAN;
    }
    if (fen > 0) out.push({ policy: 'hire-local', fen });
  }

  // §四(二)7: any producer, local registered-poor hires (epidemic period: 2020) stable ≥ 6 / ≥ 12 months: 3,000 / 5,000 each
  if (employer) {
    let fen = 0;
    for (const e of employer.employees) {
      if (!e.local || !e.registeredPoor || !in2020(e.hiredOn)) continue;
      if (e.consecutiveMonths >= 12) fen += 5_000 * YUAN;
      else if (e.consecutiveMonths >= 6) fen += 3_000 * YUAN;
    }
    if (fen > 0) out.push({ policy: 'hire-poor', fen });
  }

  // §四(二)5: SMEs that paid last year's (2019) unemployment insurance and laid off few
  // (≤ 5.5 %, or ≤ 20 % with at most 30 insured): 100 % of those contributions back
  if (sme && employer?.contributionYear === 2019 && employer.unemploymentInsurancePaidFen > 0) {
    const head = employer.headcountAtYearStart;
    const laidOff = employer.layoffsInYear;
    // integer percentages: laidOff / head ≤ 5.5 %  ⇔  laidOff × 1,000 ≤ head × 55
    const few = laidOff * 1_000 <= head * 55 || (head <= 30 && laidOff * 100 <= head * 20);
    if (few)
      out.push({ policy: 'job-retention-refund', fen: employer.unemploymentInsurancePaidFen });
  }

  // §四(二)9: service-sector small/micro enterprises and 个体工商户 renting state property in
  // 2020 H1: 3 months' rent of each such lease waived
  const smallOrMicro =
    registry.kind === 'individual_business' ||
    registry.size === 'small' ||
    registry.size === 'micro';
  const leases = inForce(s, 'lease_registry', asOf)?.leases ?? [];
  if (smallOrMicro && SERVICE_SECTOR.has(registry.industry)) {
    let fen = 0;
    for (const l of leases)
      if (l.landlordKind === 'state' && l.startOn <= '2020-06-30' && l.endOn >= '2020-01-01')
        fen += 3 * l.monthlyRentFen;
    if (fen > 0) out.push({ policy: 'rent-waiver-state', fen });
  }
  return out;
}

function personOwed(s: BenchSubject, asOf: string): Owed[] {
  // §四(三)11: poor or marginal workers transferred in an organised way (2020), stable ≥ 3
  // months: 1,800 labour reward + 1,500 living-cost subsidy; ≥ 6 months: another 2,400
  const poverty = inForce(s, 'poverty_registry', asOf);
  const employment = inForce(s, 'employment_registry', asOf);
  const insurance = inForce(s, 'social_insurance', asOf);
  if (!poverty || !employment || !insurance) return [];
  if (!(poverty.registeredPoor || poverty.marginal)) return [];
  if (!('transferredOrganised' in employment) || !employment.transferredOrganised) return [];
  if (!in2020(employment.transferredOn)) return [];
  if (!('employment' in insurance) || insurance.employment !== 'employed') return [];
  const months = insurance.consecutiveMonths;
  if (months < 3) return [];
  const fen = (1_800 + 1_500 + (months >= 6 ? 2_400 : 0)) * YUAN;
  return [{ policy: 'transfer-stable', fen }];
}

/** What subject `s` is owed on `asOf` under the five policies, by the policy text. */
export function owedTo(s: BenchSubject, asOf: string): Owed[] {
  return s.kind === 'enterprise' ? enterpriseOwed(s, asOf) : personOwed(s, asOf);
}

export interface Tally {
  grants: number;
  fen: number;
  byPolicy: Record<E2EPolicy, { grants: number; fen: number }>;
}

export const emptyTally = (): Tally => ({
  grants: 0,
  fen: 0,
  byPolicy: Object.fromEntries(E2E_POLICIES.map((p) => [p, { grants: 0, fen: 0 }])) as Record<
    E2EPolicy,
    { grants: number; fen: number }
  >,
});

export function addOwed(t: Tally, owed: readonly Owed[]): void {
  for (const o of owed) {
    t.grants++;
    t.fen += o.fen;
    t.byPolicy[o.policy].grants++;
    t.byPolicy[o.policy].fen += o.fen;
  }
}
