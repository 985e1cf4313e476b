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

/** 审核结果通知 / 资金到账通知 templates (ids are configured in the WeChat console). */
export const SUBSCRIBE_TEMPLATES: string[] = [];

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

/** Call inside a tap handler. Never throws: a refusal only means no push messages. */
export async function requestStatusNotifications(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || SUBSCRIBE_TEMPLATES.length === 0) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds: SUBSCRIBE_TEMPLATES, entityIds: [] });
  } catch {
    /* refused or unsupported: the timeline still shows every step */
  }
}
