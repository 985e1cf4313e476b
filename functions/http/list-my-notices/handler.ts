import { myNotices } from '../../services/notices';
import { listMyNotices as route } from '../../../shared/contracts/notices';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/me/notices — the message centre: the signed-in person's notices, newest first, with the unread count. */
export const handler = httpHandler(route, ({ actor, query }) => myNotices(actor, query));
