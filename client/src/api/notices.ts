/** /v1/me/notices (message centre) and /v1/me/notice-consent (订阅消息), typed by shared/schemas/notice. */
import { z } from 'zod';
import { NoticeListView, NoticeView, type NoticeConsentBody } from '@shared/schemas/notice';
import { call, withQuery } from './client';

export type { NoticeListView, NoticeView } from '@shared/schemas/notice';

/** GET /v1/me/notices — newest first, with the unread count and the template ids to subscribe to. */
export const listNotices = (cursor?: string) =>
  call('GET', withQuery('/v1/me/notices', { cursor }), NoticeListView);

const ReadResult = z.object({ notice: NoticeView, unread: z.number().int() });

/** POST /v1/me/notices/{id}/read */
export const readNotice = (id: string) =>
  call('POST', `/v1/me/notices/${encodeURIComponent(id)}/read`, ReadResult, {});

const ConsentResult = z.object({ channel: z.string(), templates: z.array(z.string()) });

/** POST /v1/me/notice-consent */
export const recordNoticeConsent = (body: NoticeConsentBody) =>
  call('POST', '/v1/me/notice-consent', ConsentResult, body);
