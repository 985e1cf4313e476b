import { CalendarYearParams, PublishCalendarYearBody } from '../../../shared/schemas/calendar';
import { publishCalendarYear } from '../../services/calendar';
import { httpHandler, ok } from '../_lib/http-handler';

/** PUT /v1/admin/calendar/{year} — 按国务院办公厅通知发布某年度的法定节假日与调休工作日. */
export const handler = httpHandler(
  { access: 'admin', params: CalendarYearParams, body: PublishCalendarYearBody },
  async ({ actor, params, body, now }) =>
    ok(await publishCalendarYear(params.year, body, actor, now)),
);
