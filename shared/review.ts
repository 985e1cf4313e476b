/**
 * Review SLA (DESIGN §2: "see SLA countdown in working days"). The seeds promise payment
 * within each policy's `paymentSlaWorkingDays` of approval but set no review period; the
 * county's 承诺时限 for a subsidy review is fixed here at 10 working days from submission.
 */
import {
  localDateOf,
  slaStatusOrUnknown,
  type Instant,
  type LocalDate,
  type SlaView,
  type WorkingCalendar,
} from './calendar';

export const REVIEW_SLA_WORKING_DAYS = 10;

/** `cal`: the package's data plus the published years (shared/calendar.ts workingCalendar). */
export function reviewSla(submittedAt: Instant, today: LocalDate, cal?: WorkingCalendar): SlaView {
  return slaStatusOrUnknown(localDateOf(submittedAt), REVIEW_SLA_WORKING_DAYS, today, cal);
}

/** Working days left, negative when overdue, null when the calendar year is not published. */
export function slaWorkingDaysLeft(sla: SlaView): number | null {
  if (!sla.calendarKnown) return null;
  return sla.overdueBy > 0 ? -sla.overdueBy : sla.remainingWorkingDays;
}
