/** /v1/me/notices (message centre) and /v1/me/notice-consent (订阅消息), by their route contracts. */
import type { NoticeConsentBody } from '@shared/schemas/notice';
import * as routes from '@shared/contracts/notices';
import { call } from './client';

export type { NoticeListView, NoticeView } from '@shared/schemas/notice';

/** GET /v1/me/notices — newest first, with the unread count and the template ids to subscribe to. */
export const listNotices = (cursor?: string) => call(routes.listMyNotices, { query: { cursor } });

/** POST /v1/me/notices/{id}/read */
export const readNotice = (id: string) => call(routes.readNotice, { params: { id } });

/** POST /v1/me/notice-consent */
export const recordNoticeConsent = (body: NoticeConsentBody) =>
  call(routes.recordNoticeConsent, { body });
