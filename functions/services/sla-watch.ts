/**
 * Daily: flags reviews past their working-day deadline (shared/review.ts REVIEW_SLA_WORKING_DAYS
 * from submission). A flag is one record per (day, application) — rewriting it on a rerun
 * changes nothing — listed for the department's dashboard; reviews in a year the calendar
 * does not know (neither the package nor an admin's publication) are reported as unknown
 * rather than guessed (PROBES.md). The flags are read by the review queue (超期 count), the
 * dashboard (per department) and the daily digest notice to level-2 reviewers (sla-digest.ts).
 */
import { now as clockNow } from '../_lib/clock';
import { businessMetrics } from '../_lib/metrics';
import { DEPARTMENTS } from '../../shared/actor';
import { instantOf, localDateOf } from '../../shared/calendar';
import { reviewSla } from '../../shared/review';
import { reviewQueue } from '../repositories/applications';
import { putSlaFlags, type SlaFlag } from '../repositories/sla-flags';
import { loadWorkingCalendar } from './calendar';
import { writeSlaDigests } from './sla-digest';

export async function watchSla(o: { now?: Date } = {}) {
  const now = instantOf(o.now ?? clockNow());
  const today = localDateOf(now);
  const cal = await loadWorkingCalendar();
  const flags: SlaFlag[] = [];
  let unknownCalendar = 0;
  let checked = 0;
  for (const dept of DEPARTMENTS) {
    let cursor: string | undefined;
    do {
      const page = await reviewQueue(dept, { cursor, limit: 100 });
      for (const a of page.items) {
        checked++;
        const sla = reviewSla(a.submittedAt ?? a.createdAt, today, cal);
        if (!sla.calendarKnown) unknownCalendar++;
        else if (sla.overdueBy > 0)
          flags.push({
            applicationId: a.id,
            department: a.department,
            status: a.status,
            dueOn: sla.dueOn,
            overdueBy: sla.overdueBy,
          });
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  await putSlaFlags(today, flags);
  businessMetrics.reviewsOverdue(flags.length);
  // the flags are read: each department's level-2 reviewers get the day's digest (issue 14)
  const digests = await writeSlaDigests(today, flags, now);
  return { day: today, checked, overdue: flags.length, unknownCalendar, digests: digests.written };
}
