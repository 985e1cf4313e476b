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
} from './calendar';

export const REVIEW_SLA_WORKING_DAYS = 10;

export function reviewSla(submittedAt: Instant, today: LocalDate): SlaView {
  return slaStatusOrUnknown(localDateOf(submittedAt), REVIEW_SLA_WORKING_DAYS, today);
}

/** Working days left, negative when overdue, null when the calendar year is not published. */
export function slaWorkingDaysLeft(sla: SlaView): number | null {
  if (!sla.calendarKnown) return null;
  return sla.overdueBy > 0 ? -sla.overdueBy : sla.remainingWorkingDays;
}
