/**
 * GET /v1/admin/stats: per policy, applications and grants together — applied, approved,
 * paid (from the policy's counters, one item: shared/stats-counters.ts), today's completion rate (paid ÷ approved, basis points, exact), overdue (approved, not yet
 * paid, past the policy's payment SLA in working days) — and the budget: each line (one per
 * fiscal year: allocated, reserved, paid, remaining) and their sum.
 * And completion as the seeds count it (002: "516 should be waived, 71 done, 6.55%"): paid ÷
 * everyone the rules find eligible, applied or not (the population the nightly count stores,
 * functions/services/population.ts), by count (the counters' paid) and by amount (the lines'
 * paidFen, net of recoveries); unknown until a population has been computed.
 */
import {
  localDateOf,
  slaStatusOrUnknown,
  type Instant,
  type LocalDate,
  type WorkingCalendar,
} from '../../shared/calendar';
import { policyIdOf } from '../../shared/auto-grant';
import type { PolicyVersion } from '../../shared/policies';
import { policyCatalogue } from './catalogue';
import type { DepartmentStats, PolicyStats, StatsView } from '../../shared/schemas/admin';
import { DEPARTMENT_LABELS } from '../../shared/actor';
import { slaFlagsOf, type SlaFlag } from '../repositories/sla-flags';
import { countersOf } from '../repositories/counters';
import { figuresOf } from '../../shared/stats-counters';
import { budgetLinesOf, type Budget } from '../repositories/ledger';
import { recoveryKeysOfPolicy } from '../repositories/recoveries';
import { loadWorkingCalendar } from './calendar';
import { ratingStats } from './ratings';
import { mapLimit } from './retry';
import { findPopulation } from '../repositories/population';
import { seedsCompletion, sumSeedsCompletion } from '../../shared/completion';

function overdueOn(
  startedOn: LocalDate,
  policy: PolicyVersion,
  today: LocalDate,
  cal?: WorkingCalendar,
): boolean {
  const sla = slaStatusOrUnknown(startedOn, policy.paymentSlaWorkingDays, today, cal);
  return sla.calendarKnown && sla.overdueBy > 0;
}

const total = (
  lines: readonly Budget[],
  field: 'totalFen' | 'reservedFen' | 'paidFen' | 'remainingFen',
): number => lines.reduce((n, l) => n + l[field], 0);

export async function policyStats(
  policy: PolicyVersion,
  now: Instant,
  cal?: WorkingCalendar,
): Promise<PolicyStats> {
  const today = localDateOf(now);
  const [counters, lines, recoveries, population] = await Promise.all([
    countersOf(policyIdOf(policy.id)),
    budgetLinesOf(policyIdOf(policy.id)),
    recoveryKeysOfPolicy(policyIdOf(policy.id)),
    findPopulation(policyIdOf(policy.id)),
  ]);
  const sum = (status: string) =>
    recoveries.filter((r) => r.status === status).reduce((n, r) => n + r.amountFen, 0);
  // one item per policy, kept by the stream (functions/queue/stats-counters), whatever the volume
  const {
    applied,
    approved,
    paid,
    overdue: late,
  } = figuresOf(counters, (startedOn) => overdueOn(startedOn, policy, today, cal));
  const paidFen = total(lines, 'paidFen');
  return {
    policyId: policy.id,
    title: policy.title,
    mode: policy.mode,
    applied,
    approved,
    paid,
    // the policy's figures are the sum of its lines (one per fiscal year, 专账)
    paidFen,
    reservedFen: total(lines, 'reservedFen'),
    budgetFen: lines.length > 0 ? total(lines, 'totalFen') : policy.budgetFen,
    remainingFen: lines.length > 0 ? total(lines, 'remainingFen') : policy.budgetFen,
    budgetLines: lines.map((l) => ({
      fiscalYear: l.fiscalYear,
      allocatedFen: l.totalFen,
      reservedFen: l.reservedFen,
      paidFen: l.paidFen,
      remainingFen: l.remainingFen,
    })),
    completionRateBp: approved === 0 ? 0 : Math.floor((paid * 10_000) / approved),
    seedsCompletion: seedsCompletion(population, { count: paid, fen: paidFen }) ?? null,
    overdue: late,
    recoveries: {
      outstanding: recoveries.filter((r) => r.status === 'open').length,
      outstandingFen: sum('open'),
      recoveredFen: sum('recovered'),
      writtenOff: recoveries.filter((r) => r.status === 'written_off').length,
      writtenOffFen: sum('written_off'),
    },
  };
}

/** Per department: its policies' figures summed, and the reviews today's SLA watch flagged. */
export function departmentStats(
  policies: readonly PolicyVersion[],
  items: readonly PolicyStats[],
  flags: readonly SlaFlag[],
): DepartmentStats[] {
  const out = new Map<string, DepartmentStats>();
  const of = (dept: string): DepartmentStats => {
    const found = out.get(dept);
    if (found) return found;
    const fresh: DepartmentStats = {
      department: dept,
      label: (DEPARTMENT_LABELS as Record<string, string | undefined>)[dept] ?? dept,
      policies: 0,
      applied: 0,
      approved: 0,
      paid: 0,
      paidFen: 0,
      overduePayments: 0,
      overdueReviews: 0,
      seedsCompletion: null,
    };
    out.set(dept, fresh);
    return fresh;
  };
  policies.forEach((p, i) => {
    const s = items[i];
    if (!s) return;
    const d = of(p.department);
    d.policies++;
    d.applied += s.applied;
    d.approved += s.approved;
    d.paid += s.paid;
    d.paidFen += s.paidFen;
    d.overduePayments += s.overdue;
  });
  for (const f of flags) of(f.department).overdueReviews++;
  // the seeds' rate per department: its policies with a population, summed
  for (const d of out.values())
    d.seedsCompletion =
      sumSeedsCompletion(
        policies.flatMap((p, i) =>
          p.department === d.department ? [items[i]?.seedsCompletion ?? undefined] : [],
        ),
      ) ?? null;
  return [...out.values()];
}

export async function stats(now: Instant): Promise<StatsView> {
  const [cal, catalogue, flags] = await Promise.all([
    loadWorkingCalendar(),
    policyCatalogue(),
    slaFlagsOf(localDateOf(now)),
  ]);
  const policies = catalogue.list(localDateOf(now));
  const [items, ratings] = await Promise.all([
    mapLimit(policies, 4, (p) => policyStats(p, now, cal)),
    ratingStats(catalogue),
  ]);
  return { items, departments: departmentStats(policies, items, flags), asOf: now, ratings };
}
