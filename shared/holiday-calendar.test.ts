import type { Actor } from './actor';
import { instant } from './calendar';
import { DomainError } from './errors';
import {
  EMPTY_CALENDAR,
  publishedYears,
  publishYear,
  validateYear,
  type PublishYearInput,
} from './holiday-calendar';
import type { UserId } from './ids';

const admin: Actor = { kind: 'admin', userId: 'usr_admin1' as UserId };
const NOW = instant('2026-11-28T02:00:00Z');
// A test arrangement, not the State Council's 2027 notice.
const INPUT: PublishYearInput = {
  holidays: [
    { date: '2027-01-03', name: '元旦' },
    { date: '2027-01-01', name: '元旦' },
  ],
  workdays: [{ date: '2027-02-20', name: '春节' }],
  source: '测试用年度安排',
};

function reasonOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return (e.details as { reason?: string }).reason;
    throw e;
  }
  return undefined;
}

describe('publishing a year of the holiday calendar', () => {
  it('sorts the days and records who published it from which notice', () => {
    const t = publishYear(EMPTY_CALENDAR, 2027, INPUT, admin, NOW);
    expect(t.next.version).toBe(1);
    expect(t.next.years['2027']).toMatchObject({
      year: 2027,
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-03', name: '元旦' },
      ],
      publishedBy: 'usr_admin1',
      source: '测试用年度安排',
    });
    expect(t.events[0]).toMatchObject({ type: 'CalendarYearPublished', year: 2027, holidays: 2 });
    expect(publishedYears(t.next)).toEqual([
      { year: 2027, holidays: ['2027-01-01', '2027-01-03'], workdays: ['2027-02-20'] },
    ]);
  });

  it('republishing replaces the year and keeps what it replaced in the event', () => {
    const first = publishYear(EMPTY_CALENDAR, 2027, INPUT, admin, NOW).next;
    const t = publishYear(first, 2027, { ...INPUT, workdays: [] }, admin, NOW);
    expect(t.next.years['2027']?.workdays).toEqual([]);
    expect(t.events[0]?.replaced?.workdays).toHaveLength(1);
  });

  it('refuses bad arrangements with a stable reason', () => {
    const day = (date: string) => ({ date, name: '节日' });
    expect(reasonOf(() => validateYear(2027, { ...INPUT, holidays: [day('2026-12-31')] }))).toBe(
      'DATE_OUTSIDE_YEAR',
    );
    expect(reasonOf(() => validateYear(2027, { ...INPUT, holidays: [day('2027-02-29')] }))).toBe(
      'BAD_DATE',
    );
    expect(reasonOf(() => validateYear(2027, { ...INPUT, workdays: [day('2027-01-03')] }))).toBe(
      'HOLIDAY_AND_WORKDAY',
    );
    expect(reasonOf(() => validateYear(2027, { ...INPUT, workdays: [day('2027-01-04')] }))).toBe(
      'WORKDAY_NOT_WEEKEND',
    );
    expect(
      reasonOf(() =>
        validateYear(2027, { ...INPUT, holidays: [day('2027-01-01'), day('2027-01-01')] }),
      ),
    ).toBe('DUPLICATE_DATE');
    expect(reasonOf(() => validateYear(2027, { ...INPUT, holidays: [] }))).toBe('NO_HOLIDAYS');
    expect(reasonOf(() => validateYear(2026, INPUT))).toBe('YEAR_IN_PACKAGE');
  });

  it('only an admin publishes', () => {
    const reviewer: Actor = {
      kind: 'reviewer',
      userId: 'usr_r1' as UserId,
      department: 'finance',
      level: 2,
    };
    expect(reasonOf(() => publishYear(EMPTY_CALENDAR, 2027, INPUT, reviewer, NOW))).toBe(
      'NOT_ADMIN',
    );
  });
});
