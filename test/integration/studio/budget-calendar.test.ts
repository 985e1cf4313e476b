/**
 * The holiday calendar as data (issue #11) through the real handlers: a year the built-in
 * data (chinese-days) does not know is refused by the working-day calendar; an admin publishes
 * it, validated; SLAs across it then work. The arrangement below is a TEST FIXTURE shaped like
 * a State Council notice, not the official 2027 arrangement: no source for that was at hand.
 */
import { testClockOffset } from '../../support/env';
import { handler as getYear } from '../../../functions/http/get-calendar-year/handler';
import { handler as publishYear } from '../../../functions/http/publish-calendar-year/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { newId } from '../../../functions/_lib/new-id';
import { signSession } from '../../support/session';
import { saveApplication } from '../../../functions/repositories/applications';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { watchSla } from '../../../functions/services/sla-watch';
import { policyIdOf } from '../../../shared/auto-grant';
import { instant } from '../../../shared/calendar';
import type { ApplicationId } from '../../../shared/ids';
import { draftApplication, submit } from '../../../shared/lifecycle/application';
import { fen } from '../../../shared/money';
import { CalendarYearView } from '../../../shared/schemas/calendar';
import { ErrorBody } from '../../../shared/schemas/common';
import { QueuePage } from '../../../shared/schemas/review';
import { call, type Called } from '../../support/http';
import { freshTable } from '../../support/table';
import { uscc } from '../money/support';

jest.setTimeout(180_000);

const PUT = 'PUT /v1/admin/calendar/{year}';
const GET = 'GET /v1/admin/calendar/{year}';
const QUEUE = 'GET /v1/review/queue';

const FIXTURE_2027 = {
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  workdays: [{ date: '2027-02-20', name: '春节' }],
  source: '测试用年度安排（非国务院办公厅正式通知）',
};

const reasonOf = (r: Called) =>
  (ErrorBody.parse(r.body).error.details as { reason?: string } | undefined)?.reason;
const items = (r: Called) => QueuePage.parse(r.body).items;
const year = (r: Called) => CalendarYearView.parse(r.body);

const token = async (actor: Parameters<typeof signSession>[0]) =>
  (await signSession(actor, new Date())).token;

describe('holiday calendar as data', () => {
  let admin: string;
  let reviewer: string;
  const savedOffset = process.env.ZHIDA_CLOCK_OFFSET_MS;
  beforeAll(async () => {
    await freshTable();
    admin = await token({ kind: 'admin', userId: newId('user') });
    reviewer = await token({
      kind: 'reviewer',
      userId: newId('user'),
      department: 'finance',
      level: 1,
    });
    // an application submitted on Monday 2026-12-28, waiting for level-1 review
    const applicant = {
      kind: 'applicant' as const,
      userId: newId('user'),
      subjectId: subjectIdOf(uscc(7001)),
    };
    const at = instant('2026-12-28T02:00:00Z');
    const d = draftApplication(
      {
        id: 'app_CAL2027000000000000000001' as ApplicationId,
        policyId: policyIdOf('hire-local'),
        policyVersion: 1,
        subjectId: applicant.subjectId,
        department: 'finance',
        terms: {
          capFen: fen(20_000_000),
          reviewLevels: 1,
          publicityDays: 5,
          supplementDays: 10,
          materials: [{ code: 'roster', name: '花名册', optional: false }],
        },
        materials: [{ code: 'roster', uploadKey: 'up/roster' }],
      },
      applicant,
      at,
    );
    const s = submit(d.next, {}, applicant, at);
    await saveApplication(s.next, [...d.events, ...s.events], 'new');
    // the platform's business date: Tuesday 2027-01-05
    process.env.ZHIDA_CLOCK_OFFSET_MS = String(testClockOffset('2027-01-05'));
  });
  afterAll(() => {
    process.env.ZHIDA_CLOCK_OFFSET_MS = savedOffset;
  });

  it('a year the calendar does not know is refused: the queue flags the SLA unknown, GET answers 404', async () => {
    const q = await call(queue, QUEUE, { token: reviewer });
    expect(q.status).toBe(200);
    expect(items(q)).toHaveLength(1);
    expect(items(q)[0]?.sla).toEqual({ calendarKnown: false, year: 2027 });
    expect(items(q)[0]?.slaWorkingDaysLeft).toBeNull();
    expect(await watchSla({ now: new Date('2027-01-05T02:00:00Z') })).toMatchObject({
      checked: 1,
      unknownCalendar: 1,
    });
    const y = await call(getYear, GET, { token: admin, params: { year: '2027' } });
    expect(y.status).toBe(404);
    expect(reasonOf(y)).toBe('YEAR_NOT_PUBLISHED');
  });

  it('publishing is validated: dates inside the year, no day both holiday and workday, 调休 on a weekend, not a built-in year; admins only', async () => {
    const bad = async (body: unknown, year = '2027') =>
      call(publishYear, PUT, { token: admin, params: { year }, body });
    const outside = await bad({
      ...FIXTURE_2027,
      holidays: [...FIXTURE_2027.holidays, { date: '2028-01-01', name: '元旦' }],
    });
    expect(outside.status).toBe(400);
    expect(ErrorBody.parse(outside.body).error.details).toMatchObject({
      reason: 'DATE_OUTSIDE_YEAR',
      path: 'holidays.3.date',
    });
    const both = await bad({
      ...FIXTURE_2027,
      workdays: [{ date: '2027-01-02', name: '元旦' }],
    });
    expect(both.status).toBe(400);
    expect(reasonOf(both)).toBe('HOLIDAY_AND_WORKDAY');
    const weekday = await bad({
      ...FIXTURE_2027,
      workdays: [{ date: '2027-01-04', name: '元旦' }],
    });
    expect(weekday.status).toBe(400);
    expect(reasonOf(weekday)).toBe('WORKDAY_NOT_WEEKEND');
    const impossible = await bad({
      ...FIXTURE_2027,
      holidays: [{ date: '2027-02-30', name: '春节' }],
    });
    expect(impossible.status).toBe(400);
    expect(reasonOf(impossible)).toBe('BAD_DATE');
    const twice = await bad({
      ...FIXTURE_2027,
      holidays: [...FIXTURE_2027.holidays, { date: '2027-01-01', name: '元旦' }],
    });
    expect(twice.status).toBe(400);
    expect(reasonOf(twice)).toBe('DUPLICATE_DATE');
    const builtIn = await bad(FIXTURE_2027, '2026');
    expect(builtIn.status).toBe(409);
    expect(reasonOf(builtIn)).toBe('YEAR_IN_PACKAGE');
    const noSource = await bad({ ...FIXTURE_2027, source: '' });
    expect(noSource.status).toBe(400);
    const byReviewer = await call(publishYear, PUT, {
      token: reviewer,
      params: { year: '2027' },
      body: FIXTURE_2027,
    });
    expect(byReviewer.status).toBe(403);
    expect((await call(getYear, GET, { token: admin, params: { year: '2027' } })).status).toBe(404);
  });

  it('after an admin publishes 2027, SLAs across it work (元旦 counted as a holiday)', async () => {
    const put = await call(publishYear, PUT, {
      token: admin,
      params: { year: '2027' },
      body: FIXTURE_2027,
    });
    expect(put.status).toBe(200);
    expect(year(put)).toMatchObject({
      year: 2027,
      origin: 'published',
      source: FIXTURE_2027.source,
    });
    const got = await call(getYear, GET, { token: reviewer, params: { year: '2027' } });
    expect(got.status).toBe(403); // admins and auditors read it
    const read = await call(getYear, GET, { token: admin, params: { year: '2027' } });
    expect(read.status).toBe(200);
    expect(year(read).holidays).toEqual(FIXTURE_2027.holidays);

    // 10 working days from Mon 2026-12-28: 29, 30, 31 Dec; (1–3 Jan 元旦); 4–8 Jan; 11, 12 Jan
    const q = await call(queue, QUEUE, { token: reviewer });
    expect(q.status).toBe(200);
    expect(items(q)[0]?.sla).toEqual({
      calendarKnown: true,
      dueOn: '2027-01-12',
      remainingWorkingDays: 5,
      overdueBy: 0,
    });
    expect(items(q)[0]?.slaWorkingDaysLeft).toBe(5);
    expect(await watchSla({ now: new Date('2027-01-14T02:00:00Z') })).toMatchObject({
      checked: 1,
      unknownCalendar: 0,
      overdue: 1,
    });
  });

  it('a built-in year is read from the package', async () => {
    const y = await call(getYear, GET, { token: admin, params: { year: '2026' } });
    expect(y.status).toBe(200);
    expect(year(y).origin).toBe('package');
    expect(year(y).workdays).toContainEqual({ date: '2026-02-28', name: '' });
  });
});
