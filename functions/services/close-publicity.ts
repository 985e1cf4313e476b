/**
 * Hourly: 公示 that has ended moves to `payable`, reserving the money (DESIGN §4, §5).
 * Reservation and the move are one transaction conditioned on the ledger's remaining
 * budget (ledger.reserve in saveAggregate's `with`), so concurrent closes can never
 * overspend; an item the budget cannot cover stays in 公示 and is counted, and is tried
 * again next hour (a 追加预算 lets it through). Safe to rerun or to crash half-way: each
 * item moves once, under its version.
 */
import { now as clockNow } from '../_lib/clock';
import type { SystemActor } from '../../shared/actor';
import { instantOf, type Instant } from '../../shared/calendar';
import type { ApplicationId, GrantId, PolicyId } from '../../shared/ids';
import * as app from '../../shared/lifecycle/application';
import { publicityCloseRefusal } from '../../shared/lifecycle/common';
import * as grant from '../../shared/lifecycle/grant';
import { logger } from '../_lib/logger';
import {
  findApplication,
  listApplicationsByStatus,
  saveApplication,
} from '../repositories/applications';
import {
  findGrantRecord,
  listGrantsByStatus,
  payeeOnFile,
  saveGrant,
} from '../repositories/grants';
import { reserve } from '../repositories/ledger';
import { applicationLineYear, grantLineYear, openPolicyBudgets, policyWindowOf } from './budget';
import { applicationOutbox } from './payables';
import { mapLimit, tally, withRetry } from './retry';

const SYSTEM: SystemActor = { kind: 'system', job: 'close-publicity' };

export type CloseOutcome =
  | 'payable'
  | 'awaiting_account'
  | 'budget_exhausted'
  | 'objection_open'
  | 'not_due'
  | 'not_in_publicity'
  | 'error';

/**
 * Opens the budget line of every catalogue policy for each year of its window (services/budget.ts):
 * the bootstrap `npm start` runs. The hourly close opens only the lines of the policies it has
 * items of, so a run with nothing due writes nothing.
 */
export async function openCatalogueBudgets(): Promise<void> {
  await openPolicyBudgets();
}

function outcomeOf(e: unknown): CloseOutcome {
  const refusal = publicityCloseRefusal(e);
  if (refusal) return refusal;
  logger.error('close publicity failed', { error: (e as Error).message });
  return 'error';
}

export async function closeGrantPublicity(id: GrantId, now: Instant): Promise<CloseOutcome> {
  try {
    return await withRetry(async () => {
      const r = await findGrantRecord(id);
      if (!r || r.grant.status !== 'publicity') return 'not_in_publicity';
      const g = r.grant;
      const t = grant.closePublicity(g, SYSTEM, now);
      await saveGrant(t.next, t.events, g.version, {
        with: [reserve(g.policyId, grantLineYear(g), g.amountFen)],
        now,
      });
      return 'payable';
    });
  } catch (e) {
    return outcomeOf(e);
  }
}

export async function closeApplicationPublicity(
  id: ApplicationId,
  now: Instant,
): Promise<CloseOutcome> {
  try {
    return await withRetry(async () => {
      const a = await findApplication(id);
      if (!a || a.status !== 'publicity') return 'not_in_publicity';
      // No account on the application and none on file: parked as awaiting_account in the same
      // step (never in the due index), the applicant asked through the outbox; the budget is reserved.
      const accountOnFile = a.payee !== undefined || (await payeeOnFile(a.subjectId)) !== undefined;
      const t = app.closePublicity(a, SYSTEM, now, accountOnFile);
      await saveApplication(t.next, t.events, a.version, [
        reserve(a.policyId, applicationLineYear(a), app.approvedAmountOf(a)),
        ...applicationOutbox(t.next, t.events, now),
      ]);
      return t.next.status === 'awaiting_account' ? 'awaiting_account' : 'payable';
    });
  } catch (e) {
    return outcomeOf(e);
  }
}

export interface CloseResult {
  grants: Partial<Record<CloseOutcome, number>>;
  applications: Partial<Record<CloseOutcome, number>>;
  /** false when the run's time was up with pages perhaps left (the next run closes the rest) */
  drained: boolean;
}

export interface CloseOptions {
  now?: Date;
  /** items closed at once within a page */
  concurrency?: number;
  pageSize?: number;
  /**
   * Milliseconds this run may still start a page in (the Lambda's remaining time minus a safety
   * margin, functions/schedule/close-publicity): at 0 or less no new page is read; the page in
   * hand is closed to its end. Default: no limit (in-process runs: npm start, tests, the bench).
   */
  timeLeftMs?: () => number;
}

/**
 * Closes every 公示 that has ended: grants, then applications, one page of the byStatus index
 * at a time (statusSk <= now), each page closed before the next is read, so memory stays flat
 * whatever the count (issue #16: a county's tens of thousands of grants). A crash half-way
 * loses nothing: what was closed left the index, and a rerun finds what is still due. What
 * stays in 公示 (budget exhausted, an objection open) stays behind the cursor, looked at once a run.
 * The run starts no new page once its time is up (`timeLeftMs`, the Lambda deadline less a
 * margin) and says so (`drained: false`): stopping between pages is as clean as a crash there.
 */
export async function closePublicityDue(o: CloseOptions = {}): Promise<CloseResult> {
  const now = instantOf(o.now ?? clockNow());
  const concurrency = o.concurrency ?? 4;
  const timeLeft = o.timeLeftMs ?? (() => Infinity);
  // the lines these items reserve against, opened once per policy version (one Query per policy once they are open)
  const opened = new Set<string>();
  const openLines = async (items: readonly { policyId: PolicyId; policyVersion: number }[]) => {
    const fresh = new Map<string, { policyId: PolicyId; policyVersion: number }>();
    for (const i of items) {
      const key = `${i.policyId}#${String(i.policyVersion)}`;
      if (!opened.has(key)) fresh.set(key, i);
    }
    if (fresh.size === 0) return;
    await openPolicyBudgets([...fresh.values()].flatMap((v) => policyWindowOf(v) ?? []));
    for (const key of fresh.keys()) opened.add(key);
  };
  // counted as they come, not kept: a run's memory is one page
  const grants: Partial<Record<CloseOutcome, number>> = {};
  const applications: Partial<Record<CloseOutcome, number>> = {};
  const count = (into: Partial<Record<CloseOutcome, number>>, outcomes: CloseOutcome[]) => {
    for (const [k, n] of Object.entries(tally(outcomes)) as [CloseOutcome, number][])
      into[k] = (into[k] ?? 0) + n;
  };
  // out of time: no new page is read; what is left stays in the index and the next run closes it
  const outOfTime = () => timeLeft() <= 0;
  let cursor: string | undefined;
  do {
    if (outOfTime()) return { grants, applications, drained: false };
    const page = await listGrantsByStatus('publicity', now, cursor, o.pageSize);
    const items = page.items.map((r) => r.grant);
    await openLines(items);
    count(grants, await mapLimit(items, concurrency, (g) => closeGrantPublicity(g.id, now)));
    cursor = page.nextCursor;
  } while (cursor);
  cursor = undefined;
  do {
    if (outOfTime()) return { grants, applications, drained: false };
    const page = await listApplicationsByStatus('publicity', now, cursor, o.pageSize);
    await openLines(page.items);
    count(
      applications,
      await mapLimit(page.items, concurrency, (a) => closeApplicationPublicity(a.id, now)),
    );
    cursor = page.nextCursor;
  } while (cursor);
  return { grants, applications, drained: true };
}
