import { isWorkday } from 'chinese-days';
import { DomainError } from './errors';
import {
  KNOWN_YEARS,
  PACKAGE_CALENDAR,
  addDays,
  addNaturalDaysAt,
  addWorkingDays,
  instant,
  isKnownYear,
  isWorkingDay,
  localDate,
  localDateOf,
  slaStatus,
  slaStatusOrUnknown,
  workingCalendar,
  workingDaysBetween,
  type PublishedYear,
} from './calendar';

const d = localDate;

function expectCalendarUnknown(f: () => unknown, year: number) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('CALENDAR_UNKNOWN');
    expect((e as DomainError).details).toMatchObject({ year });
    return;
  }
  throw new Error('expected CALENDAR_UNKNOWN');
}

describe('dates and instants', () => {
  it('validates local dates', () => {
    expect(d('2026-02-28')).toBe('2026-02-28');
    expect(() => d('2026-02-30')).toThrow(RangeError);
    expect(() => d('2026-2-3')).toThrow(RangeError);
  });

  it('maps an instant to its Shanghai day (UTC+8)', () => {
    expect(localDateOf(instant('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(localDateOf(instant('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });

  it('normalises instants to milliseconds and adds natural days', () => {
    expect(instant('2026-03-01T00:00:00Z')).toBe('2026-03-01T00:00:00.000Z');
    expect(addNaturalDaysAt(instant('2026-03-01T00:00:00Z'), 7)).toBe('2026-03-08T00:00:00.000Z');
  });
});

describe('working-day calendar', () => {
  it('knows 2026 and not 2027, from the package data', () => {
    expect(KNOWN_YEARS).toContain(2026);
    expect(KNOWN_YEARS).not.toContain(2027);
  });

  it('counts 调休 Saturdays as working days', () => {
    expect(isWorkingDay(d('2026-02-28'))).toBe(true); // Saturday, 春节调休
    expect(isWorkingDay(d('2026-10-10'))).toBe(true); // Saturday, 国庆调休
    expect(isWorkingDay(d('2026-03-07'))).toBe(false); // plain Saturday
  });

  it('counts holidays as non-working, weekdays included', () => {
    for (const day of ['2026-02-15', '2026-02-16', '2026-02-17'])
      expect(isWorkingDay(d(day))).toBe(false);
    for (let i = 1; i <= 7; i++) expect(isWorkingDay(d(`2026-10-0${i}`))).toBe(false);
    expect(isWorkingDay(d('2026-10-08'))).toBe(true);
  });

  it('agrees with chinese-days for every day of 2025 and 2026', () => {
    for (let day = d('2025-01-01'); day <= '2026-12-31'; day = addDays(day, 1)) {
      expect([day, isWorkingDay(day)]).toEqual([day, isWorkday(day)]);
    }
  });

  it('adds working days across National Day and the 调休 Saturday', () => {
    // 9-30 (Wed) + 1 → 10-08 (Thu): 10-01…07 are off.
    expect(addWorkingDays(d('2026-09-30'), 1)).toBe('2026-10-08');
    // 10-08 Thu, 10-09 Fri, 10-10 Sat (working), 10-12 Mon
    expect(addWorkingDays(d('2026-09-30'), 3)).toBe('2026-10-10');
    expect(addWorkingDays(d('2026-09-30'), 4)).toBe('2026-10-12');
    expect(addWorkingDays(d('2026-10-12'), -4)).toBe('2026-09-30');
    expect(addWorkingDays(d('2026-10-03'), 0)).toBe('2026-10-03');
  });

  it('adds working days across 春节 (2026-02-15…23 off, 02-14 and 02-28 working Saturdays)', () => {
    expect(addWorkingDays(d('2026-02-13'), 1)).toBe('2026-02-14');
    expect(addWorkingDays(d('2026-02-14'), 1)).toBe('2026-02-24');
    // 02-24…27 Tue–Fri are 4 working days, the 5th is Saturday 02-28
    expect(addWorkingDays(d('2026-02-23'), 5)).toBe('2026-02-28');
  });

  it('counts working days in (a, b]', () => {
    expect(workingDaysBetween(d('2026-09-30'), d('2026-10-10'))).toBe(3);
    expect(workingDaysBetween(d('2026-10-10'), d('2026-09-30'))).toBe(-3);
    expect(workingDaysBetween(d('2026-10-01'), d('2026-10-01'))).toBe(0);
    // 9 working days is the 天门 benchmark (POLICIES A, 002): from Mon 2026-06-01
    expect(workingDaysBetween(d('2026-06-01'), addWorkingDays(d('2026-06-01'), 9))).toBe(9);
  });

  it('computes the SLA countdown and overdue days', () => {
    expect(slaStatus(d('2026-09-28'), 5, d('2026-09-29'))).toEqual({
      dueOn: '2026-10-10',
      remainingWorkingDays: 4, // (9-29, 10-10] = 9-30, 10-08, 10-09, 10-10
      overdueBy: 0,
    });
    expect(slaStatus(d('2026-09-28'), 5, d('2026-10-13'))).toEqual({
      dueOn: '2026-10-10',
      remainingWorkingDays: 0,
      overdueBy: 2, // 10-12, 10-13
    });
    expect(slaStatus(d('2026-09-28'), 5, d('2026-10-10'))).toMatchObject({
      remainingWorkingDays: 0,
      overdueBy: 0,
    });
  });

  it('refuses a year it does not know instead of guessing', () => {
    expectCalendarUnknown(() => isWorkingDay(d('2027-01-04')), 2027);
    expectCalendarUnknown(() => addWorkingDays(d('2026-12-28'), 10), 2027);
    expectCalendarUnknown(() => workingDaysBetween(d('2026-12-30'), d('2027-01-05')), 2027);
    expectCalendarUnknown(() => slaStatus(d('2026-12-21'), 15, d('2026-12-22')), 2027);
    expectCalendarUnknown(() => isWorkingDay(d('2003-06-02')), 2003);
  });

  it('stays inside 2026 right up to its last working day', () => {
    expect(addWorkingDays(d('2026-12-28'), 3)).toBe('2026-12-31'); // Mon + 3 = Thu
    expectCalendarUnknown(() => addWorkingDays(d('2026-12-28'), 4), 2027);
  });

  it('flags an unknown year per item for lists', () => {
    expect(slaStatusOrUnknown(d('2026-12-21'), 15, d('2026-12-22'))).toEqual({
      calendarKnown: false,
      year: 2027,
    });
    expect(slaStatusOrUnknown(d('2026-09-28'), 5, d('2026-09-29'))).toMatchObject({
      calendarKnown: true,
      dueOn: '2026-10-10',
    });
  });
});

describe('working-day calendar with published years (issue #11)', () => {
  // A test arrangement shaped like a State Council notice, not the official 2027 one.
  const y2027: PublishedYear = {
    year: 2027,
    holidays: [d('2027-01-01'), d('2027-01-02'), d('2027-01-03')],
    workdays: [d('2027-02-20')],
  };
  const cal = workingCalendar([y2027]);

  it('knows a published year, with its holidays and 调休 Saturdays', () => {
    expect(isKnownYear(2027)).toBe(false);
    expect(isKnownYear(2027, cal)).toBe(true);
    expect(isWorkingDay(d('2027-01-01'), cal)).toBe(false); // Friday, 元旦
    expect(isWorkingDay(d('2027-01-04'), cal)).toBe(true);
    expect(isWorkingDay(d('2027-02-20'), cal)).toBe(true); // Saturday, 调休
    expect(isWorkingDay(d('2027-02-27'), cal)).toBe(false); // plain Saturday
  });

  it('computes an SLA across the year boundary once the year is published', () => {
    // Mon 2026-12-28 + 10: 29, 30, 31 Dec, 4–8 Jan, 11, 12 Jan
    expect(slaStatus(d('2026-12-28'), 10, d('2027-01-05'), cal)).toEqual({
      dueOn: '2027-01-12',
      remainingWorkingDays: 5,
      overdueBy: 0,
    });
    expectCalendarUnknown(() => slaStatus(d('2026-12-28'), 10, d('2027-01-05')), 2027);
    expectCalendarUnknown(() => isWorkingDay(d('2028-01-03'), cal), 2028);
  });

  it('uses the package’s data where it covers the year, whatever was published for it', () => {
    const bogus = workingCalendar([{ year: 2026, holidays: [d('2026-03-02')], workdays: [] }]);
    expect(isWorkingDay(d('2026-03-02'), bogus)).toBe(true);
    expect(bogus.years).toEqual(KNOWN_YEARS);
    expect(workingCalendar([])).toBe(PACKAGE_CALENDAR);
  });
});
