/**
 * Notices (issue 14): the message centre, 订阅消息 consent, and the admins' list of notices the
 * sender gave up on (infra/functions/notices.yml).
 */
import { z } from 'zod';
import {
  NoticeConsentBody,
  NoticeListQuery,
  NoticeListView,
  NoticeParams,
  NoticeView,
  UndeliverableNoticeView,
} from '../schemas/notice';
import { defineRoute } from './define';

export const NoticeReadResult = z.object({ notice: NoticeView, unread: z.number().int() });
export const NoticeConsentResult = z.object({
  channel: z.enum(['wechat', 'sms']),
  templates: z.array(z.string()),
});
export const UndeliverableNoticePage = z.object({
  items: z.array(UndeliverableNoticeView),
  nextCursor: z.string().optional(),
});

export const listMyNotices = defineRoute({
  name: 'listMyNotices',
  method: 'GET',
  path: '/v1/me/notices',
  summary: '消息中心：本人（申请人为本主体）的通知，新的在前，含未读数与订阅消息模板',
  access: 'any',
  query: NoticeListQuery,
  status: 200,
  response: NoticeListView,
  errors: [],
});

export const readNotice = defineRoute({
  name: 'readNotice',
  method: 'POST',
  path: '/v1/me/notices/{id}/read',
  summary: '将一条通知标为已读（重复调用保留首次阅读时间），返回新的未读数',
  // an auditor only reads: no message centre of its own to change
  access: ['applicant', 'reviewer', 'admin'],
  params: NoticeParams,
  status: 200,
  response: NoticeReadResult,
  errors: ['NOT_FOUND'],
});

export const recordNoticeConsent = defineRoute({
  name: 'recordNoticeConsent',
  method: 'POST',
  path: '/v1/me/notice-consent',
  summary: '记录订阅消息授权（小程序：接受的模板与 wx.login 凭证；H5：改用短信）',
  // an auditor only reads: no message centre of its own to change
  access: ['applicant', 'reviewer', 'admin'],
  body: NoticeConsentBody,
  status: 200,
  response: NoticeConsentResult,
  errors: [],
});

export const listUndeliverableNotices = defineRoute({
  name: 'listUndeliverableNotices',
  method: 'GET',
  path: '/v1/admin/notices',
  summary: '无法送达的通知（尝试次数、最后错误），新的在前',
  access: ['admin'],
  query: NoticeListQuery,
  status: 200,
  response: UndeliverableNoticePage,
  errors: [],
});
