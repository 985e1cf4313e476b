/**
 * Notices as they leave the platform (pure). A WeChat subscription message (订阅消息) fills a
 * template registered in the mini-program's console; its field keys and limits are WeChat's:
 * `phrase` ≤ 5 characters, `thing` ≤ 20, `time` a date. Template ids are configuration
 * (WECHAT_TEMPLATE_IDS, `application_status=<id>,sla_digest=<id>`), never code.
 */
import type { Notice } from './lifecycle/application-notices';

export type NoticeTemplate = Notice['template'];
export const NOTICE_TEMPLATES: readonly NoticeTemplate[] = ['application_status', 'sla_digest'];

/** Cuts a value to WeChat's limit for its field type, marking the cut with an ellipsis. */
export function fit(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/** The template data for a notice: keys as registered for each template. */
export function subscribeData(
  notice: Notice,
  createdAt: string,
): Record<string, { value: string }> {
  const date = createdAt.slice(0, 10);
  switch (notice.template) {
    case 'application_status':
      return {
        phrase1: { value: fit(notice.status, 5) },
        thing2: { value: fit(notice.text, 20) },
        time3: { value: date },
      };
    case 'sla_digest':
      return {
        thing1: { value: fit(notice.text, 20) },
        phrase2: { value: fit(notice.status, 5) },
        time3: { value: date },
      };
  }
}

/** The text of a notice for a channel without templates (SMS). */
export const smsText = (notice: Notice): string =>
  `【直达】${notice.status}：${notice.text}。详情请打开“直达”小程序查看消息。`;

/** Parses `application_status=<id>,sla_digest=<id>`; unknown names and empty ids are ignored. */
export function parseTemplateIds(
  config: string | undefined,
): Partial<Record<NoticeTemplate, string>> {
  const out: Partial<Record<NoticeTemplate, string>> = {};
  for (const pair of (config ?? '').split(',')) {
    const [name, id] = pair.split('=').map((s) => s.trim());
    if (name && id && (NOTICE_TEMPLATES as readonly string[]).includes(name))
      out[name as NoticeTemplate] = id;
  }
  return out;
}

/** Retry schedule of the sender: 30 s, 1 min, 2 min, 4 min… capped at an hour. */
export const MAX_DELIVERY_ATTEMPTS = 5;
export function retryDelayMs(attempt: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}
