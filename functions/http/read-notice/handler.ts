import { readNotice } from '../../services/notices';
import { readNotice as route } from '../../../shared/contracts/notices';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/me/notices/{id}/read — marks one of the caller's notices read; answers the new unread count. */
export const handler = httpHandler(route, ({ actor, params, now }) =>
  readNotice(actor, params.id, now),
);
