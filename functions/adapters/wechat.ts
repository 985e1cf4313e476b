/**
 * WeChat mini-program login (DESIGN §2): `wx.login` gives the client a one-time code; the
 * server exchanges it at code2Session for the user's openid. The response's session_key
 * stays inside this adapter — it is never stored, logged or returned to the client; we
 * sign our own session token instead.
 *
 * `WECHAT_MODE=fake` (local stack, tests) swaps in a fake that derives the openid from the
 * code, so the same login route runs without api.weixin.qq.com.
 */
import { DomainError } from '../../shared/errors';

export interface WeChatIdentity {
  openId: string;
  unionId?: string;
}

export interface WeChatLogin {
  code2Session(code: string): Promise<WeChatIdentity>;
}

const invalidCode = () =>
  new DomainError('UNAUTHENTICATED', '微信登录凭证无效或已过期，请重新登录', {
    reason: 'WECHAT_CODE_INVALID',
  });

/** Production: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html */
export function weChatApi(
  appId: string,
  appSecret: string,
  fetchFn: typeof fetch = fetch,
): WeChatLogin {
  return {
    async code2Session(code) {
      const url = new URL('https://api.weixin.qq.com/sns/jscode2session');
      url.search = new URLSearchParams({
        appid: appId,
        secret: appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      const res = await fetchFn(url, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`code2Session HTTP ${res.status}`);
      const body = (await res.json()) as { openid?: string; unionid?: string; errcode?: number };
      // 40029 invalid code, 40163 code already used: the user's fault, not ours.
      if (body.errcode === 40029 || body.errcode === 40163) throw invalidCode();
      if (body.errcode === 45011) throw new DomainError('RATE_LIMITED', '登录过于频繁，请稍后再试');
      if (!body.openid) throw new Error(`code2Session failed: errcode ${body.errcode ?? 'none'}`);
      return body.unionid
        ? { openId: body.openid, unionId: body.unionid }
        : { openId: body.openid };
    },
  };
}

/** Local and tests: code `ok-<x>` logs in as openid `fake-openid-<x>`; anything else is an invalid code. */
export const fakeWeChat: WeChatLogin = {
  async code2Session(code) {
    const m = /^ok-([A-Za-z0-9_-]{1,64})$/.exec(code);
    if (!m) throw invalidCode();
    return { openId: `fake-openid-${m[1] ?? ''}` };
  },
};

export function weChatLogin(): WeChatLogin {
  if (process.env.WECHAT_MODE === 'fake') return fakeWeChat;
  const appId = process.env.WECHAT_APP_ID;
  const secret = process.env.WECHAT_APP_SECRET;
  if (!appId || !secret)
    throw new Error('WECHAT_APP_ID / WECHAT_APP_SECRET are not set (or set WECHAT_MODE=fake)');
  return weChatApi(appId, secret);
}
