import { NoticeParams } from '../../../shared/schemas/notice';
import { readNotice } from '../../services/notices';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** POST /v1/me/notices/{id}/read — marks one of the caller's notices read; answers the new unread count. */
export const handler = httpHandler(
  { access: 'any', params: NoticeParams },
  async ({ actor, params, now }) => ok(await readNotice(asPerson(actor), params.id, now)),
);
