import { getCalendarYear as route } from '../../../shared/contracts/budget';
import { calendarYear } from '../../services/calendar';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/calendar/{year} — 某年度的节假日安排（内置或已发布）；未知年度 404. */
export const handler = httpHandler(route, ({ actor, params }) => calendarYear(params.year, actor));
