/**
 * Dates, instants and the Chinese working-day calendar (法定节假日 + 调休).
 *
 * - `…On` values are local dates in Asia/Shanghai, `YYYY-MM-DD` (STYLE §9).
 *   China has had no DST since 1991, so Shanghai is always UTC+8 and no
 *   time-zone database is needed.
 * - `…At` values are instants, ISO-8601 in UTC (`2026-03-02T01:30:00.000Z`).
 *
 * Holiday data comes from npm `chinese-days`. The State Council publishes
 * next year's arrangement late in the year, and for a year it does not know
 * the package silently treats every weekday as working (PROBES.md, "Working-day
 * calendar"). We refuse instead: every working-day function throws
 * `DomainError('CALENDAR_UNKNOWN')` when it would have to look at a day in a
 * year the calendar does not know. Callers that list many items (review queue) use
 * `slaStatusOrUnknown`, which turns the refusal into a flagged result per item.
 *
 * Holiday calendar as data (issue #11): an admin publishes a year's holidays and 调休
 * working days from the State Council notice (shared/holiday-calendar.ts, stored in the
 * table). `workingCalendar(published)` is the package's data where it covers the year and
 * the published data otherwise; this module stays pure, the published years are its input.
 * Every working-day function takes the calendar as its last argument, the package's alone
 * when it is left out.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { DomainError } from './errors';

dayjs.extend(utc);

declare const localDateBrand: unique symbol;
declare const instantBrand: unique symbol;
/** A calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string & { readonly [localDateBrand]: true };
/** A point in time, ISO-8601 UTC with `Z`. */
export type Instant = string & { readonly [instantBrand]: true };

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const SHANGHAI_OFFSET_HOURS = 8;
const MS_PER_DAY = 86_400_000;

export function localDate(s: string): LocalDate {
  if (!LOCAL_DATE.test(s) || dayjs.utc(s).format('YYYY-MM-DD') !== s) {
    throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  }
  return s as LocalDate;
}

export function instant(s: string): Instant {
  if (!INSTANT.test(s) || Number.isNaN(Date.parse(s)))
    throw new RangeError(`not an ISO UTC instant: ${s}`);
  return new Date(s).toISOString() as Instant; // normalise to milliseconds so strings compare in time order
}

/** For functions/: wraps the clock reading once, at the edge. */
export function instantOf(d: Date): Instant {
  return d.toISOString() as Instant;
}

export function compareInstants(a: Instant, b: Instant): number {
  return Date.parse(a) - Date.parse(b);
}

/** Natural days (not working days) later; used for 公示 and 容缺 deadlines. */
export function addNaturalDaysAt(at: Instant, days: number): Instant {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return new Date(Date.parse(at) + days * MS_PER_DAY).toISOString() as Instant;
}

/** The Shanghai calendar day an instant falls on. */
export function localDateOf(at: Instant): LocalDate {
  return dayjs.utc(at).add(SHANGHAI_OFFSET_HOURS, 'hour').format('YYYY-MM-DD') as LocalDate;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return dayjs.utc(d).add(n, 'day').format('YYYY-MM-DD') as LocalDate;
}

/** Whole days from a to b (b − a), natural days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}

// ---- working days -------------------------------------------------------

type DayTable = Readonly<Record<string, string>>;
const HOLIDAYS: DayTable = calendarData.holidays;
/** 调休: weekend days that are working days. */
const SHIFTED_WORKDAYS: DayTable = calendarData.workdays;

/**
 * Years the package has an official arrangement for, read from its own data
 * (every published year has at least 元旦), so upgrading `chinese-days`
 * extends coverage with no code change.
 */
export const KNOWN_YEARS: readonly number[] = Object.freeze(
  [...new Set(Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b),
);
const PACKAGE_YEARS = new Set(KNOWN_YEARS);

/** Whether the package's own data covers the year (published data is then not used). */
export function isPackageYear(year: number): boolean {
  return PACKAGE_YEARS.has(year);
}

/** A year's arrangement as an admin published it (法定节假日 and 调休 working days). */
export type PublishedYear = {
  readonly year: number;
  readonly holidays: readonly LocalDate[];
  /** 调休: weekend days that are working days */
  readonly workdays: readonly LocalDate[];
};

/** The days a working-day computation may look at: the package's years plus published ones. */
export type WorkingCalendar = {
  /** every year it knows, ascending */
  readonly years: readonly number[];
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
};

function build(published: readonly PublishedYear[]): WorkingCalendar {
  const holidays = new Set(Object.keys(HOLIDAYS));
  const workdays = new Set(Object.keys(SHIFTED_WORKDAYS));
  const years = new Set(KNOWN_YEARS);
  for (const p of published) {
    if (PACKAGE_YEARS.has(p.year)) continue; // the package's data wins where it covers the year
    years.add(p.year);
    for (const d of p.holidays) holidays.add(d);
    for (const d of p.workdays) workdays.add(d);
  }
  return { years: [...years].sort((a, b) => a - b), holidays, workdays };
}

/** The package's calendar: what every function uses when no calendar is passed. */
export const PACKAGE_CALENDAR: WorkingCalendar = build([]);

/** The package's data where it covers a year, the published arrangement otherwise. */
export function workingCalendar(published: readonly PublishedYear[]): WorkingCalendar {
  return published.length === 0 ? PACKAGE_CALENDAR : build(published);
}

export function isKnownYear(year: number, cal: WorkingCalendar = PACKAGE_CALENDAR): boolean {
  return cal.years.includes(year);
}

function assertKnown(d: LocalDate, cal: WorkingCalendar): void {
  const year = Number(d.slice(0, 4));
  if (!cal.years.includes(year)) {
    throw new DomainError(
      'CALENDAR_UNKNOWN',
      `工作日历尚未包含${String(year)}年的节假日安排，无法计算工作日（请管理员按国务院办公厅通知发布该年度安排）`,
      {
        reason: 'YEAR_NOT_PUBLISHED',
        year,
        knownYears: [cal.years[0], cal.years[cal.years.length - 1]],
      },
    );
  }
}

export function isWorkingDay(d: LocalDate, cal: WorkingCalendar = PACKAGE_CALENDAR): boolean {
  assertKnown(d, cal);
  if (cal.holidays.has(d)) return false;
  if (cal.workdays.has(d)) return true;
  const weekday = dayjs.utc(d).day(); // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after d, not counting d itself (期限自次日起算:
 * "N个工作日内" counts from the day after the start). n = 0 returns d;
 * negative n walks backwards.
 */
export function addWorkingDays(
  d: LocalDate,
  n: number,
  cal: WorkingCalendar = PACKAGE_CALENDAR,
): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`n must be an integer: ${String(n)}`);
  const step = n < 0 ? -1 : 1;
  let day = d;
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, step);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/**
 * Working days in (a, b]: after a, up to and including b; negative when b < a.
 * So `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 0.
 */
export function workingDaysBetween(
  a: LocalDate,
  b: LocalDate,
  cal: WorkingCalendar = PACKAGE_CALENDAR,
): number {
  if (a > b) return -workingDaysBetween(b, a, cal);
  assertKnown(a, cal);
  let count = 0;
  for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) {
    if (isWorkingDay(day, cal)) count++;
  }
  return count;
}

export type SlaStatus = {
  readonly dueOn: LocalDate;
  /** Working days left after today until dueOn (0 on the due day and after). */
  readonly remainingWorkingDays: number;
  /** Working days past dueOn (0 while on time). */
  readonly overdueBy: number;
};

/** SLA countdown for the review queue and the SLA watch (DESIGN §2, §7). Throws CALENDAR_UNKNOWN. */
export function slaStatus(
  startedOn: LocalDate,
  slaDays: number,
  today: LocalDate,
  cal: WorkingCalendar = PACKAGE_CALENDAR,
): SlaStatus {
  const dueOn = addWorkingDays(startedOn, slaDays, cal);
  if (today <= dueOn)
    return { dueOn, remainingWorkingDays: workingDaysBetween(today, dueOn, cal), overdueBy: 0 };
  return { dueOn, remainingWorkingDays: 0, overdueBy: workingDaysBetween(dueOn, today, cal) };
}

export type SlaView =
  | ({ readonly calendarKnown: true } & SlaStatus)
  | { readonly calendarKnown: false; readonly year: number };

/** Like slaStatus, but an unknown year becomes `{ calendarKnown: false }` so one item cannot fail a whole list. */
export function slaStatusOrUnknown(
  startedOn: LocalDate,
  slaDays: number,
  today: LocalDate,
  cal: WorkingCalendar = PACKAGE_CALENDAR,
): SlaView {
  try {
    return { calendarKnown: true, ...slaStatus(startedOn, slaDays, today, cal) };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_UNKNOWN') {
      return { calendarKnown: false, year: (e.details as { year: number }).year };
    }
    throw e;
  }
}
