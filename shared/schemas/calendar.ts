/**
 * The holiday calendar as data (issue #11): the contract of its admin routes.
 *
 *   PUT /v1/admin/calendar/{year}  admin → CalendarYearView   {holidays, workdays, source}
 *       400 INVALID_INPUT with details.reason BAD_DATE | DATE_OUTSIDE_YEAR | DUPLICATE_DATE |
 *       HOLIDAY_AND_WORKDAY | WORKDAY_NOT_WEEKEND | NO_HOLIDAYS and details.path;
 *       409 WRONG_STATE reason YEAR_IN_PACKAGE (the built-in data covers the year)
 *   GET /v1/admin/calendar/{year}  admin, auditor → CalendarYearView (origin package | published), 404 when unknown
 */
import { z } from 'zod';
import { OnDate } from './common';

export const CalendarYearParams = z.object({
  year: z.coerce.number().int('年度必须是整数').min(2000, '年度无效').max(2100, '年度无效'),
});

const Day = z
  .object({
    date: OnDate,
    name: z.string().trim().min(1, '请填写节日名称').max(20, '节日名称不能超过20字'),
  })
  .strict();

export const PublishCalendarYearBody = z
  .object({
    holidays: z.array(Day).min(1, '至少须有一个法定节假日').max(60),
    /** 调休: weekend days that are working days */
    workdays: z.array(Day).max(30),
    /** 国务院办公厅通知名称及文号 */
    source: z.string().trim().min(1, '请填写通知名称及文号').max(200),
  })
  .strict();
export type PublishCalendarYearBody = z.infer<typeof PublishCalendarYearBody>;

export const CalendarYearView = z.object({
  year: z.number().int(),
  /** package: the built-in data (chinese-days); published: an admin's publication */
  origin: z.enum(['package', 'published']),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  workdays: z.array(z.object({ date: z.string(), name: z.string() })),
  source: z.string(),
  publishedBy: z.string().optional(),
  publishedAt: z.string().optional(),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;
