/**
 * The working-day calendar the services compute SLAs with: the package's data plus the years
 * an admin published (shared/holiday-calendar.ts), and the admin's publish / read.
 */
import type { Actor } from '../../shared/actor';
import {
  instantOf,
  isPackageYear,
  KNOWN_YEARS,
  workingCalendar,
  type WorkingCalendar,
} from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import { publishedYears, publishYear, type PublishYearInput } from '../../shared/holiday-calendar';
import { requireAdminOrAuditor } from '../../shared/lifecycle/guards';
import type { CalendarYearView } from '../../shared/schemas/calendar';
import { getPublishedCalendar, savePublishedCalendar } from '../repositories/calendar';
import { withRetry } from './retry';

/** One read: the calendar every SLA of a request or a run is computed with. */
export async function loadWorkingCalendar(): Promise<WorkingCalendar> {
  return workingCalendar(publishedYears(await getPublishedCalendar()));
}

export async function publishCalendarYear(
  year: number,
  input: PublishYearInput,
  actor: Actor,
  at: Date,
): Promise<CalendarYearView> {
  return withRetry(async () => {
    const cal = await getPublishedCalendar();
    const t = publishYear(cal, year, input, actor, instantOf(at));
    await savePublishedCalendar(t.next, t.events, cal.version);
    return calendarYearView(t.next.years[String(year)], year);
  });
}

function calendarYearView(
  y: Awaited<ReturnType<typeof getPublishedCalendar>>['years'][string] | undefined,
  year: number,
): CalendarYearView {
  if (!y)
    throw new DomainError('NOT_FOUND', `${String(year)}年的节假日安排尚未发布`, {
      reason: 'YEAR_NOT_PUBLISHED',
      year,
    });
  return {
    year,
    origin: 'published',
    holidays: y.holidays.map((d) => ({ date: d.date, name: d.name })),
    workdays: y.workdays.map((d) => ({ date: d.date, name: d.name })),
    source: y.source,
    publishedBy: y.publishedBy,
    publishedAt: y.publishedAt,
  };
}

/** A year as the calendar knows it: the package's, or published, or 404 when neither. */
export async function calendarYear(year: number, actor: Actor): Promise<CalendarYearView> {
  requireAdminOrAuditor(actor);
  if (isPackageYear(year)) {
    const cal = workingCalendar([]);
    const inYear = (d: string) => d.startsWith(`${String(year)}-`);
    return {
      year,
      origin: 'package',
      holidays: [...cal.holidays]
        .filter(inYear)
        .sort()
        .map((date) => ({ date, name: '' })),
      workdays: [...cal.workdays]
        .filter(inYear)
        .sort()
        .map((date) => ({ date, name: '' })),
      source: `内置日历（chinese-days，覆盖 ${String(KNOWN_YEARS[0])}–${String(KNOWN_YEARS[KNOWN_YEARS.length - 1])} 年）`,
    };
  }
  const published = await getPublishedCalendar();
  return calendarYearView(published.years[String(year)], year);
}
