/** The message centre and notice delivery (issue 14): bodies and views of /v1/me/notices, /v1/admin/notices. */
import { z } from 'zod';
import { Cursor, Limit } from './common';

export const NoticeListQuery = z.object({ cursor: Cursor.optional(), limit: Limit.optional() });
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

/**
 * An outbox id: `<aggregateId>~<version>`. Aggregate ids may hold `~` and `.` themselves (a grant's
 * is `grt_<policy>~<subject>~<period>`, see deterministicId), so the prefix allows what ids allow.
 */
export const NoticeId = z.string().regex(/^[A-Za-z0-9_.~-]{1,200}~\d{1,9}$/, '消息编号无效');
export const NoticeParams = z.object({ id: NoticeId });

/**
 * The mini-app's answer to 订阅消息 consent: on weapp `accepted` lists the template ids the user
 * accepted in wx.requestSubscribeMessage and `code` is a fresh wx.login code (it proves the
 * openid the messages go to); on H5 (no WeChat) `accepted` is empty and notices go by SMS to
 * the phone on file, or stay in the message centre.
 */
export const NoticeConsentBody = z.object({
  platform: z.enum(['weapp', 'h5']),
  accepted: z.array(z.string().min(1).max(64)).max(10),
  code: z.string().min(1).max(128).optional(),
});
export type NoticeConsentBody = z.infer<typeof NoticeConsentBody>;

export const NoticeView = z.object({
  id: z.string(),
  kind: z.enum(['application', 'grant', 'payment', 'sla_digest', 'policy']),
  /** the application / grant the notice is about (absent for a digest) */
  aboutId: z.string().optional(),
  status: z.string(),
  text: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().optional(),
});
export type NoticeView = z.infer<typeof NoticeView>;

export const NoticeListView = z.object({
  items: z.array(NoticeView),
  nextCursor: z.string().optional(),
  unread: z.number().int(),
  /** template ids to pass to wx.requestSubscribeMessage */
  templateIds: z.array(z.string()),
});
export type NoticeListView = z.infer<typeof NoticeListView>;

export const UndeliverableNoticeView = z.object({
  id: z.string(),
  kind: z.string(),
  aboutId: z.string().optional(),
  status: z.string(),
  text: z.string(),
  createdAt: z.string(),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  failedAt: z.string().optional(),
});
export type UndeliverableNoticeView = z.infer<typeof UndeliverableNoticeView>;
