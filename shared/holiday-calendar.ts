/**
 * The holiday calendar as data (issue #11): each year the State Council's General Office
 * publishes the next year's 法定节假日 and 调休 working days (国务院办公厅关于××年部分节假日安排的
 * 通知), usually in November; `chinese-days` learns them only with a package release. An admin
 * publishes the year from the notice, and the working-day calendar (shared/calendar.ts) uses it
 * for years the package does not cover.
 *
 * One aggregate holds every published year (a few hundred bytes a year): one strongly
 * consistent read gives a service its whole calendar. Publishing a year again replaces it
 * (a corrected notice), with an event that keeps what it replaced.
 *
 * Checks: every date a real date inside the year; no date twice; no day both a holiday and a
 * working day; a 调休 working day is a Saturday or Sunday (a weekday is a working day anyway,
 * so listing one is a typing mistake); at least one holiday; a year the package already
 * covers is refused (its data would win, so a publication would silently do nothing).
 */
import type { Actor } from './actor';
import { actorRef } from './actor';
import {
  isPackageYear,
  localDate,
  type Instant,
  type LocalDate,
  type PublishedYear,
} from './calendar';
import { DomainError, invalidInput } from './errors';
import type { UserId } from './ids';
import { requireText, type EventBase } from './lifecycle/common';
import { requireAdmin } from './lifecycle/guards';

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

export type PublishedDay = { readonly date: LocalDate; readonly name: string };

export type PublishedCalendarYear = {
  readonly year: number;
  readonly holidays: readonly PublishedDay[];
  readonly workdays: readonly PublishedDay[];
  /** the notice it comes from: title and 文号 (国办发明电〔2026〕××号) */
  readonly source: string;
  readonly publishedBy: UserId;
  readonly publishedAt: Instant;
};

export type PublishedCalendar = {
  readonly years: Readonly<Record<string, PublishedCalendarYear>>;
  readonly version: number;
};

export const EMPTY_CALENDAR: PublishedCalendar = { years: {}, version: 0 };

export type CalendarEvent = EventBase & {
  readonly type: 'CalendarYearPublished';
  readonly year: number;
  readonly holidays: number;
  readonly workdays: number;
  readonly source: string;
  /** the arrangement it replaced, when the year was published before */
  readonly replaced?: PublishedCalendarYear;
};

export type PublishYearInput = {
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  readonly workdays: readonly { readonly date: string; readonly name: string }[];
  readonly source: string;
};

const bad = (message: string, reason: string, details: Record<string, unknown> = {}) =>
  invalidInput(message, { reason, ...details });

function daysOf(
  year: number,
  list: PublishYearInput['holidays'],
  field: 'holidays' | 'workdays',
): PublishedDay[] {
  const seen = new Set<string>();
  return list.map((d, i) => {
    let date: LocalDate;
    try {
      date = localDate(d.date);
    } catch {
      throw bad(`${d.date} 不是有效日期`, 'BAD_DATE', { path: `${field}.${String(i)}.date` });
    }
    if (Number(date.slice(0, 4)) !== year) {
      throw bad(`${date} 不在${String(year)}年内`, 'DATE_OUTSIDE_YEAR', {
        path: `${field}.${String(i)}.date`,
      });
    }
    if (seen.has(date)) {
      throw bad(`${date} 重复出现`, 'DUPLICATE_DATE', { path: `${field}.${String(i)}.date` });
    }
    seen.add(date);
    return { date, name: requireText(d.name, '节日名称', 20) };
  });
}

/** Validates a year's arrangement (pure): the checks of the header. */
export function validateYear(
  year: number,
  input: PublishYearInput,
): Omit<PublishedCalendarYear, 'publishedBy' | 'publishedAt'> {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw bad('年度无效', 'BAD_YEAR', { year });
  }
  if (isPackageYear(year)) {
    throw new DomainError(
      'WRONG_STATE',
      `${String(year)}年的节假日安排已由内置日历提供，无需发布`,
      { reason: 'YEAR_IN_PACKAGE', year },
    );
  }
  const holidays = daysOf(year, input.holidays, 'holidays');
  const workdays = daysOf(year, input.workdays, 'workdays');
  if (holidays.length === 0) throw bad('至少须有一个法定节假日', 'NO_HOLIDAYS');
  const holidaySet = new Set(holidays.map((d) => d.date));
  workdays.forEach((d, i) => {
    if (holidaySet.has(d.date)) {
      throw bad(`${d.date} 不能既是节假日又是调休工作日`, 'HOLIDAY_AND_WORKDAY', {
        path: `workdays.${String(i)}.date`,
      });
    }
    const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      throw bad(`${d.date} 不是周末，无需列为调休工作日`, 'WORKDAY_NOT_WEEKEND', {
        path: `workdays.${String(i)}.date`,
      });
    }
  });
  const source = requireText(input.source, '通知名称及文号', 200);
  const byDate = (a: PublishedDay, b: PublishedDay) => (a.date < b.date ? -1 : 1);
  return { year, holidays: holidays.sort(byDate), workdays: workdays.sort(byDate), source };
}

/** Admin: publishes (or republishes) a year's arrangement. */
export function publishYear(
  cal: PublishedCalendar,
  year: number,
  input: PublishYearInput,
  by: Actor,
  now: Instant,
): { next: PublishedCalendar; events: readonly CalendarEvent[] } {
  requireAdmin(by);
  const checked = validateYear(year, input);
  const entry: PublishedCalendarYear = { ...checked, publishedBy: by.userId, publishedAt: now };
  const replaced = cal.years[String(year)];
  const next: PublishedCalendar = {
    years: { ...cal.years, [String(year)]: entry },
    version: cal.version + 1,
  };
  return {
    next,
    events: [
      {
        type: 'CalendarYearPublished',
        year,
        holidays: entry.holidays.length,
        workdays: entry.workdays.length,
        source: entry.source,
        ...(replaced ? { replaced } : {}),
        by: actorRef(by),
        at: now,
        version: next.version,
      },
    ],
  };
}

/** The published years as the working-day calendar takes them. */
export function publishedYears(cal: PublishedCalendar): PublishedYear[] {
  return Object.values(cal.years).map((y) => ({
    year: y.year,
    holidays: y.holidays.map((d) => d.date),
    workdays: y.workdays.map((d) => d.date),
  }));
}
