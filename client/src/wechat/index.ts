/**
 * WeChat-only permissions, no-ops elsewhere (the H5 build drops the weapp branches:
 * TARO_ENV is a build-time constant).
 * - Privacy: since base library 2.32.3 a mini-program must have the person agree to its
 *   privacy guide before using files, location…; `requirePrivacyAuthorize` shows WeChat's
 *   own sheet once and resolves when agreed.
 * - Subscription messages: one-time consent per template, asked at the moment of a
 *   user tap (WeChat refuses it otherwise), so status changes can be pushed.
 */
import Taro from '@tarojs/taro';
import { recordNoticeConsent } from '../api/notices';
import { noticeTemplateIds } from '../notices';

export async function ensurePrivacyAuthorized(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return true;
  const wx = Taro as unknown as {
    requirePrivacyAuthorize?: (o: { success: () => void; fail: () => void }) => void;
  };
  const authorize = wx.requirePrivacyAuthorize;
  if (!authorize) return true; // older base library: no privacy gate
  return new Promise((resolve) =>
    authorize({ success: () => resolve(true), fail: () => resolve(false) }),
  );
}

/**
 * Call inside a tap handler (before submitting, before confirming a grant). On weapp it asks
 * for the templates the server configured (their ids come with the message centre's list)
 * and records the answer with a fresh wx.login code, which proves the openid; on H5 it
 * records that notices go by SMS to the phone on file. Never throws: a refusal only means no
 * push messages — the message centre still has every notice.
 */
export async function requestStatusNotifications(): Promise<void> {
  try {
    if (process.env.TARO_ENV !== 'weapp') {
      await recordNoticeConsent({ platform: 'h5', accepted: [] });
      return;
    }
    const tmplIds = noticeTemplateIds();
    if (tmplIds.length === 0) return;
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds,
      entityIds: [],
    })) as unknown as Record<string, string>;
    const accepted = tmplIds.filter((id) => answer[id] === 'accept');
    const { code } = await Taro.login();
    await recordNoticeConsent({ platform: 'weapp', accepted, code });
  } catch {
    /* refused or unsupported: the timeline still shows every step */
  }
}
