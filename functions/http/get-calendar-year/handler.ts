import { CalendarYearParams } from '../../../shared/schemas/calendar';
import { calendarYear } from '../../services/calendar';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/calendar/{year} — 某年度的节假日安排（内置或已发布）；未知年度 404. */
export const handler = httpHandler(
  { access: ['admin', 'auditor'], params: CalendarYearParams },
  async ({ actor, params }) => ok(await calendarYear(params.year, actor)),
);
