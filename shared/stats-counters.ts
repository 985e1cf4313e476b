/**
 * Dashboard counters (issue #16): per policy, how many applications and grants are in each
 * status, and how many approved-but-unpaid ones started on each day (the payment SLA's clock),
 * so GET /v1/admin/stats reads one item per policy instead of every application and grant.
 *
 * Pure: the change one state write makes to its policy's counters (old state → new state),
 * and the dashboard's figures from the counters. The stream derives them (functions/queue/
 * stats-counters): the state item's old and new images give the change, whoever wrote it.
 *
 * Counter names (attributes of the policy's counter item):
 *   `a_<status>`  applications in that status      `g_<status>`  grants in that status
 *   `ad_<date>`   applications approved on <date>, not yet paid (decidedAt's local date)
 *   `gd_<date>`   grants detected on <date>, not yet paid (detectedAt's local date)
 */
import { localDateOf, type Instant, type LocalDate } from './calendar';
import type { ApplicationStatus } from './lifecycle/application';
import type { GrantStatus } from './lifecycle/grant';

export const APPROVED_APP: readonly ApplicationStatus[] = [
  'approved',
  'publicity',
  'payable',
  'awaiting_account',
  'paying',
  'paid',
  'payment_failed',
  'on_hold',
];
export const APPROVED_GRANT: readonly GrantStatus[] = [
  'publicity',
  'payable',
  'awaiting_account',
  'paying',
  'paid',
  'payment_failed',
  'returned',
  'on_hold',
];
/** a grant whose payment SLA runs (detected and not yet paid) */
export const UNPAID_GRANT: readonly GrantStatus[] = [
  'detected',
  'awaiting_confirmation',
  'publicity',
  'payable',
  'awaiting_account',
  'paying',
  'payment_failed',
  'returned',
  'on_hold',
];

/** What of a stored application or grant the counters look at. */
export interface Counted {
  kind: 'application' | 'grant';
  policyId: string;
  status: string;
  /** when its payment SLA started: decidedAt (application) or detectedAt (grant) */
  slaStartAt?: string;
}

export type Counters = Readonly<Record<string, number>>;

/** The counters one item adds to its policy's (each +1). */
function contribution(c: Counted): string[] {
  if (c.kind === 'application') {
    const names = [`a_${c.status}`];
    const unpaid =
      APPROVED_APP.includes(c.status as ApplicationStatus) && c.status !== 'paid' && c.slaStartAt;
    if (unpaid) names.push(`ad_${localDateOf(c.slaStartAt as Instant)}`);
    return names;
  }
  const names = [`g_${c.status}`];
  if (UNPAID_GRANT.includes(c.status as GrantStatus) && c.slaStartAt)
    names.push(`gd_${localDateOf(c.slaStartAt as Instant)}`);
  return names;
}

/**
 * What one write changes, per policy: the old state's counters −1, the new one's +1 (a write
 * that changes nothing counted gives nothing). Either side may be absent (created, deleted).
 */
export function counterChange(
  old: Counted | undefined,
  next: Counted | undefined,
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const add = (c: Counted | undefined, sign: 1 | -1) => {
    if (!c) return;
    const d = out.get(c.policyId) ?? {};
    for (const name of contribution(c)) d[name] = (d[name] ?? 0) + sign;
    out.set(c.policyId, d);
  };
  add(old, -1);
  add(next, 1);
  const nonZero = new Map<string, Record<string, number>>();
  for (const [policy, d] of out) {
    const kept = Object.fromEntries(Object.entries(d).filter(([, n]) => n !== 0));
    if (Object.keys(kept).length > 0) nonZero.set(policy, kept);
  }
  return nonZero;
}

export interface CountedFigures {
  /** submitted applications (every status but draft) plus grants */
  applied: number;
  approved: number;
  paid: number;
  /** approved, unpaid, past the payment SLA */
  overdue: number;
}

const sum = (c: Counters, prefix: string, keep: (rest: string) => boolean = () => true) =>
  Object.entries(c).reduce(
    (n, [k, v]) => (k.startsWith(prefix) && keep(k.slice(prefix.length)) ? n + v : n),
    0,
  );

/** The dashboard's figures from a policy's counters; `isOverdue(startedOn)` applies its SLA. */
export function figuresOf(
  c: Counters,
  isOverdue: (startedOn: LocalDate) => boolean,
): CountedFigures {
  const apps = sum(c, 'a_', (s) => s !== 'draft');
  const grants = sum(c, 'g_');
  const approvedApps = sum(c, 'a_', (s) => APPROVED_APP.includes(s as ApplicationStatus));
  const approvedGrants = sum(c, 'g_', (s) => APPROVED_GRANT.includes(s as GrantStatus));
  const late = (prefix: string) => sum(c, prefix, (d) => isOverdue(d as LocalDate));
  return {
    applied: apps + grants,
    approved: approvedApps + approvedGrants,
    paid: (c.a_paid ?? 0) + (c.g_paid ?? 0),
    overdue: late('ad_') + late('gd_'),
  };
}
