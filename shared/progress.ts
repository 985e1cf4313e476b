/**
 * 办件进度 as a stepper (issue #17): each step with its expected date, from the policy's
 * promises and the working-day calendar — review within REVIEW_SLA_WORKING_DAYS of submission
 * (shared/review.ts), 公示 for the policy's natural days after the decision, payment within its
 * paymentSlaWorkingDays after 公示 — and, for a step already done, the day it was done.
 * Pure: the caller passes the calendar; an unknown calendar year leaves a date out rather than fail.
 */
import {
  addDays,
  addWorkingDays,
  localDateOf,
  PACKAGE_CALENDAR,
  type Instant,
  type LocalDate,
  type WorkingCalendar,
} from './calendar';
import { DomainError } from './errors';
import { REVIEW_SLA_WORKING_DAYS } from './review';

export const STEP_KEYS = ['submit', 'review', 'publicity', 'payment'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const STEP_LABELS: Readonly<Record<StepKey, string>> = {
  submit: '提交申请',
  review: '部门审核',
  publicity: '结果公示',
  payment: '资金到账',
};

/** done; the one in progress; still to come; or never reached (refused, withdrawn, cancelled) */
export type StepState = 'done' | 'current' | 'upcoming' | 'skipped';

export type ProgressStep = {
  readonly key: StepKey;
  readonly label: string;
  readonly state: StepState;
  /** the day it was done */
  readonly doneOn?: LocalDate;
  /** the day it is expected by (steps not done yet) */
  readonly expectedOn?: LocalDate;
};

export type ProgressInput = {
  readonly status: string;
  readonly submittedAt?: Instant;
  readonly decidedAt?: Instant;
  readonly publicityEndsAt?: Instant;
  readonly paidAt?: Instant;
  readonly publicityDays: number;
  readonly paymentSlaWorkingDays: number;
};

const BEFORE_DECISION = [
  'draft',
  'submitted',
  'pending_supplement',
  'review_l1',
  'review_l2',
  'returned',
];
const ENDED = ['rejected', 'withdrawn', 'cancelled'];

/** addWorkingDays that gives undefined for a year the calendar does not know. */
function working(d: LocalDate | undefined, n: number, cal: WorkingCalendar): LocalDate | undefined {
  if (d === undefined) return undefined;
  try {
    return addWorkingDays(d, n, cal);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_UNKNOWN') return undefined;
    throw e;
  }
}

const dayOf = (at: Instant | undefined) => (at === undefined ? undefined : localDateOf(at));

export function progressSteps(
  a: ProgressInput,
  cal: WorkingCalendar = PACKAGE_CALENDAR,
): ProgressStep[] {
  const submittedOn = dayOf(a.submittedAt);
  const decidedOn = dayOf(a.decidedAt);
  const ended = ENDED.includes(a.status);
  const decided = !BEFORE_DECISION.includes(a.status) && a.status !== 'rejected' && !ended;
  const paid = a.status === 'paid';
  const inPublicity = a.status === 'publicity' || a.status === 'approved';

  const reviewDue = working(submittedOn, REVIEW_SLA_WORKING_DAYS, cal);
  const publicityEnd =
    dayOf(a.publicityEndsAt) ??
    (reviewDue === undefined ? undefined : addDays(reviewDue, a.publicityDays));
  const paymentDue = working(publicityEnd, a.paymentSlaWorkingDays, cal);

  const step = (
    key: StepKey,
    state: StepState,
    dates: { doneOn?: LocalDate; expectedOn?: LocalDate },
  ): ProgressStep => ({
    key,
    label: STEP_LABELS[key],
    state,
    ...(state === 'done' && dates.doneOn ? { doneOn: dates.doneOn } : {}),
    ...((state === 'current' || state === 'upcoming') && dates.expectedOn
      ? { expectedOn: dates.expectedOn }
      : {}),
  });
  const later = (reached: boolean, current: boolean): StepState =>
    reached
      ? 'done'
      : ended || a.status === 'rejected'
        ? 'skipped'
        : current
          ? 'current'
          : 'upcoming';

  return [
    step('submit', submittedOn ? 'done' : 'current', { doneOn: submittedOn }),
    step(
      'review',
      a.status === 'rejected' ? 'done' : later(decided, submittedOn !== undefined && !decided),
      { doneOn: decidedOn, expectedOn: reviewDue },
    ),
    step('publicity', later(decided && !inPublicity, inPublicity), {
      doneOn: publicityEnd,
      expectedOn: publicityEnd,
    }),
    step('payment', later(paid, decided && !inPublicity && !paid), {
      doneOn: dayOf(a.paidAt),
      expectedOn: paymentDue,
    }),
  ];
}
