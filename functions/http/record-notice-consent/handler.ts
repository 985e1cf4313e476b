import { recordConsent } from '../../services/notices';
import { recordNoticeConsent as route } from '../../../shared/contracts/notices';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/me/notice-consent — the 订阅消息 answer (weapp) or the H5 fallback: how notices reach the caller. */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  recordConsent(actor, body, now),
);
