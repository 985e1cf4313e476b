/**
 * The message centre (issue 14): a signed-in person's notices, newest first, with the unread
 * count the tab bar shows; marking one read; the 订阅消息 consent the sender reads to choose a
 * channel; and the admins' list of notices given up as undeliverable.
 */
import type { Actor } from '../../shared/actor';
import { DomainError } from '../../shared/errors';
import { parseTemplateIds } from '../../shared/notices';
import type {
  NoticeConsentBody,
  NoticeListQuery,
  NoticeListView,
  NoticeView,
  UndeliverableNoticeView,
} from '../../shared/schemas/notice';
import { instantOf } from '../../shared/calendar';
import { weChatLogin } from '../adapters/wechat';
import { putNoticeConsent, type NoticeConsent } from '../repositories/notice-consents';
import {
  markRead,
  noticesOf,
  undeliverableNotices,
  unreadCount,
  type StoredNotice,
} from '../repositories/outbox';
import { findUser, findUserByOpenId } from '../repositories/users';

type Person = Exclude<Actor, { kind: 'system' }>;

/** Whose message centre: an applicant reads the subject's notices, staff their own. */
export const recipientKey = (actor: Person): string =>
  actor.kind === 'applicant' ? actor.subjectId : `user:${actor.userId}`;

function view(n: StoredNotice): NoticeView {
  const r = n.record;
  return {
    id: r.id,
    kind: r.aggregate.kind,
    ...(r.aggregate.kind === 'sla_digest' ? {} : { aboutId: r.aggregate.id }),
    status: r.notice.status,
    text: r.notice.text,
    createdAt: r.createdAt,
    read: n.readAt !== undefined,
    ...(n.readAt ? { readAt: n.readAt } : {}),
  };
}

const templateIds = (): string[] =>
  Object.values(parseTemplateIds(process.env.WECHAT_TEMPLATE_IDS));

export async function myNotices(actor: Person, q: NoticeListQuery): Promise<NoticeListView> {
  const recipient = recipientKey(actor);
  const [page, unread] = await Promise.all([
    noticesOf(recipient, { cursor: q.cursor, limit: q.limit }),
    unreadCount(recipient),
  ]);
  return {
    items: page.items.map(view),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    unread,
    templateIds: templateIds(),
  };
}

export async function readNotice(
  actor: Person,
  id: string,
  now: Date,
): Promise<{ notice: NoticeView; unread: number }> {
  const recipient = recipientKey(actor);
  const n = await markRead(recipient, id, instantOf(now));
  return { notice: view(n), unread: await unreadCount(recipient, id) };
}

/**
 * Records how the person may be reached. On weapp the wx.login code proves the openid, which
 * must be this user's own; templates outside the configured ones are ignored.
 */
export async function recordConsent(
  actor: Person,
  body: NoticeConsentBody,
  now: Date,
): Promise<{ channel: NoticeConsent['channel']; templates: string[] }> {
  const at = instantOf(now);
  const known = parseTemplateIds(process.env.WECHAT_TEMPLATE_IDS);
  const accepted = (Object.keys(known) as (keyof typeof known)[]).filter((t) => {
    const id = known[t];
    return id !== undefined && body.accepted.includes(id);
  });
  const user = await findUser(actor.userId);
  const phone = user?.role === 'applicant' ? user.phone : undefined;
  let consent: NoticeConsent;
  if (body.platform === 'weapp' && accepted.length > 0) {
    if (!body.code)
      throw new DomainError('INVALID_INPUT', '缺少微信登录凭证', {
        reason: 'CONSENT_CODE_MISSING',
      });
    const { openId } = await weChatLogin().code2Session(body.code);
    const owner = await findUserByOpenId(openId);
    if (owner?.id !== actor.userId)
      throw new DomainError('FORBIDDEN', '该微信账号未绑定当前用户', {
        reason: 'CONSENT_OPENID_MISMATCH',
      });
    consent = {
      channel: 'wechat',
      openId,
      templates: accepted,
      ...(phone ? { phone } : {}),
      userId: actor.userId,
      at,
    };
  } else {
    consent = { channel: 'sms', ...(phone ? { phone } : {}), userId: actor.userId, at };
  }
  await putNoticeConsent(recipientKey(actor), consent);
  return { channel: consent.channel, templates: consent.channel === 'wechat' ? accepted : [] };
}

export async function listUndeliverable(q: NoticeListQuery): Promise<{
  items: UndeliverableNoticeView[];
  nextCursor?: string;
}> {
  const page = await undeliverableNotices({ cursor: q.cursor, limit: q.limit });
  return {
    items: page.items.map((n) => ({
      id: n.record.id,
      kind: n.record.aggregate.kind,
      ...(n.record.aggregate.kind === 'sla_digest' ? {} : { aboutId: n.record.aggregate.id }),
      status: n.record.notice.status,
      text: n.record.notice.text,
      createdAt: n.record.createdAt,
      attempts: n.attempts,
      ...(n.lastError ? { lastError: n.lastError } : {}),
      ...(n.failedAt ? { failedAt: n.failedAt } : {}),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
