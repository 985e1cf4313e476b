import { publishCalendarYear as route } from '../../../shared/contracts/budget';
import { publishCalendarYear } from '../../services/calendar';
import { httpHandler } from '../_lib/http-handler';

/** PUT /v1/admin/calendar/{year} — 按国务院办公厅通知发布某年度的法定节假日与调休工作日. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  publishCalendarYear(params.year, body, actor, now),
);
