/**
 * The dashboard counters' backfill (issue #16): a policy's counters recounted from its
 * applications and grants (POST /v1/admin/stats/{id}/recount; for every policy in the local
 * bootstrap; once after the first deploy, docs/runbook.md). The stream (functions/queue/
 * stats-counters) only counts the writes it sees, so over data written before it ran the
 * counters start at 0.
 *
 * How it meets the stream without losing or doubling a write — the stream counts a write
 * (item, version) once, by a marker written in the same transaction as its counter update:
 *  1. read the counter item's `rev` (every counted write adds 1 to it, in that transaction);
 *  2. list the policy's application and grant state items (the byPolicy index) and read each
 *     consistently: its version v and state are what it counts;
 *  3. write the stream's marker for every version 0…v of each item: a record of a write the
 *     recount already counts, delivered now or replayed later, counts nothing; a later write
 *     (v+1…) is not marked, and counts its change from the state counted here;
 *  4. replace the counters whole, on condition that `rev` is still what step 1 read: if the
 *     stream counted any write meanwhile, its update could be one this recount does not see
 *     (written after the item was read), so the recount starts again (at most 3 times, then 409).
 * Why markers per version rather than one high-water mark per item: the stream's path stays as
 * it is (one conditional marker, no extra read per record), and the cost — one small marker
 * per version, a handful per item — is paid once, by the backfill. Why not the markers and the
 * counters in one transaction: a policy has more items than a transaction holds (100); the
 * `rev` condition gives the same guarantee for any size. Run twice, it writes the same counters
 * (markers rewritten, `rev` moved), so it is idempotent.
 *
 * Limit: the index is eventually consistent. A grant's index key moves with its status, so a
 * grant changing status while the index is read could be missed by the listing; it is listed a
 * second time after the markers, and the write that moved it bumps `rev` once counted, which
 * restarts the recount. An item created so recently that the index does not list it yet is
 * counted by the stream from its first version (its marker is not written here).
 */
import type { Actor } from '../../shared/actor';
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError, notFound } from '../../shared/errors';
import type { PolicyId } from '../../shared/ids';
import { requireAdmin } from '../../shared/lifecycle/guards';
import type { CountersRecountView } from '../../shared/schemas/admin';
import { countersFrom } from '../../shared/stats-counters';
import { logger } from '../_lib/logger';
import {
  countedStatesOf,
  countersRev,
  markCountedUpTo,
  replaceCounters,
  stateKeysOfPolicy,
} from '../repositories/counters';
import { policyCatalogue } from './catalogue';

const MAX_ATTEMPTS = 3;

/** Recounts one policy's counters (no actor: the bootstrap's and the route's common part). */
export async function recountPolicyCounters(
  catalogueId: string,
  at: Date,
): Promise<CountersRecountView> {
  const policyId: PolicyId = policyIdOf(catalogueId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const rev = await countersRev(policyId);
    const listed = await stateKeysOfPolicy(policyId);
    const states = await countedStatesOf(listed);
    let markers = await markCountedUpTo(states);
    // listed again: a grant whose index key moved (its status changed) during the first listing
    const seen = new Set(listed);
    const moved = (await stateKeysOfPolicy(policyId)).filter((pk) => !seen.has(pk));
    if (moved.length > 0) {
      const more = await countedStatesOf(moved);
      markers += await markCountedUpTo(more);
      states.push(...more);
    }
    const mine = states.filter((s) => s.counted.policyId === policyId);
    const counters = countersFrom(mine.map((s) => s.counted));
    if (await replaceCounters(policyId, counters, rev, at.toISOString()))
      return {
        policyId: catalogueId,
        applications: mine.filter((s) => s.counted.kind === 'application').length,
        grants: mine.filter((s) => s.counted.kind === 'grant').length,
        counters,
        markers,
        attempts: attempt,
        recountedAt: at.toISOString(),
      };
    logger.info('counters recount raced with the stream; again', { policyId, attempt });
  }
  throw new DomainError('CONFLICT', '重算期间计数仍在变化，请稍后再试', {
    reason: 'COUNTERS_RECOUNT_RACED',
  });
}

/** POST /v1/admin/stats/{id}/recount: admins only; a policy of the dashboard's list (else 404). */
export async function recountCounters(
  actor: Actor,
  catalogueId: string,
  o: { now: Date },
): Promise<CountersRecountView> {
  requireAdmin(actor);
  const catalogue = await policyCatalogue();
  if (!catalogue.list(localDateOf(instantOf(o.now))).some((p) => p.id === catalogueId))
    throw notFound(`已发布的政策「${catalogueId}」`);
  return recountPolicyCounters(catalogueId, o.now);
}

/** Every policy of the dashboard's list (the local bootstrap; after the first deploy). */
export async function recountAllCounters(now: Date): Promise<CountersRecountView[]> {
  const catalogue = await policyCatalogue();
  const out: CountersRecountView[] = [];
  for (const p of catalogue.list(localDateOf(instantOf(now))))
    out.push(await recountPolicyCounters(p.id, now));
  return out;
}
