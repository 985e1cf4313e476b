/**
 * The 消息 tab's unread badge and the template ids subscription consent asks for. The count
 * comes from GET /v1/me/notices; pages call `refreshUnreadBadge` when they show, and the
 * message centre after marking a notice read.
 */
import Taro from '@tarojs/taro';
import { getSession } from './api/client';
import { listNotices } from './api/notices';

/** Index of 消息 in app.config.ts's tab bar. */
export const MESSAGES_TAB_INDEX = 2;

let templateIds: string[] = [];
/** The last known template ids (filled by every list call): consent must be asked inside a tap, without a request first. */
export const noticeTemplateIds = (): string[] => templateIds;
export function rememberTemplateIds(ids: readonly string[]): void {
  templateIds = [...ids];
}

/** Shows the unread count on the 消息 tab (none when zero or signed out). Never throws. */
export async function showUnreadBadge(unread: number): Promise<void> {
  try {
    if (unread > 0)
      await Taro.setTabBarBadge({
        index: MESSAGES_TAB_INDEX,
        text: unread > 99 ? '99+' : String(unread),
      });
    else await Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX });
  } catch {
    /* not on a tab page, or no tab bar (staff pages): nothing to show */
  }
}

export async function refreshUnreadBadge(): Promise<void> {
  if (getSession()?.role !== 'applicant') return;
  try {
    const page = await listNotices();
    rememberTemplateIds(page.templateIds);
    await showUnreadBadge(page.unread);
  } catch {
    /* the badge is a hint; the message centre shows the error */
  }
}
