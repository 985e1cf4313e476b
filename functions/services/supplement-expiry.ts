/**
 * Daily: applications whose 容缺 deadline has passed end as rejected (shared
 * `expireSupplement`, reason 容缺材料逾期未补正), with the applicant's notice in the same
 * transaction. Rerun-safe: an item already moved is no longer in the status list, and a
 * racing run loses the version condition.
 */
import { now as clockNow } from '../_lib/clock';
import type { SystemActor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { ApplicationId } from '../../shared/ids';
import { expireSupplement } from '../../shared/lifecycle/application';
import { noticeFor } from '../../shared/lifecycle/application-notices';
import {
  findApplication,
  listApplicationsByStatus,
  saveApplication,
} from '../repositories/applications';
import { outboxItem } from '../repositories/outbox';
import { mapLimit, tally, withRetry } from './retry';

const SYSTEM: SystemActor = { kind: 'system', job: 'supplement-expiry' };

export async function expireOne(id: ApplicationId, at: Date): Promise<'lapsed' | 'skipped'> {
  const now = instantOf(at);
  try {
    return await withRetry(async () => {
      const a = await findApplication(id);
      if (!a || a.status !== 'pending_supplement') return 'skipped';
      const t = expireSupplement(a, SYSTEM, now);
      const notice = noticeFor(t.events);
      const withItems = notice
        ? [
            outboxItem({
              subjectId: a.subjectId,
              aggregate: { kind: 'application', id: a.id, version: t.next.version },
              notice,
              createdAt: now,
            }),
          ]
        : [];
      await saveApplication(t.next, t.events, a.version, withItems);
      return 'lapsed';
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'WRONG_STATE') return 'skipped';
    throw e;
  }
}

export async function expireSupplements(o: { now?: Date } = {}) {
  const at = o.now ?? clockNow();
  const ids: ApplicationId[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApplicationsByStatus('pending_supplement', instantOf(at), cursor);
    ids.push(...page.items.map((a) => a.id));
    cursor = page.nextCursor;
  } while (cursor);
  return tally(await mapLimit(ids, 4, (id) => expireOne(id, at)));
}
