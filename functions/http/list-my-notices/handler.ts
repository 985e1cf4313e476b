import { NoticeListQuery } from '../../../shared/schemas/notice';
import { myNotices } from '../../services/notices';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** GET /v1/me/notices — the message centre: the signed-in person's notices, newest first, with the unread count. */
export const handler = httpHandler(
  { access: 'any', query: NoticeListQuery },
  async ({ actor, query }) => ok(await myNotices(asPerson(actor), query)),
);
