import { NoticeConsentBody } from '../../../shared/schemas/notice';
import { recordConsent } from '../../services/notices';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** POST /v1/me/notice-consent — the 订阅消息 answer (weapp) or the H5 fallback: how notices reach the caller. */
export const handler = httpHandler(
  { access: 'any', body: NoticeConsentBody },
  async ({ actor, body, now }) => ok(await recordConsent(asPerson(actor), body, now)),
);
