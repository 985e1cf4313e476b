/**
 * Notice delivery adapters behind one interface. Transitions never call these: they write an
 * outbox record in their own transaction (functions/repositories/outbox.ts) and the sender
 * (functions/services/notice-sender.ts) delivers it through one of them:
 * - WeChat subscription messages (订阅消息, `subscribeMessage.send`), template ids from
 *   WECHAT_TEMPLATE_IDS; WECHAT_API_URL points it at the local fake (infra/fakes/wechat.ts);
 * - an SMS stub for residents without WeChat consent: it posts to SMS_URL when set (the local
 *   fake's inbox), otherwise only logs the masked number — no SMS gateway is contracted yet.
 * Every send carries the notice's idempotency key (`x-idempotency-key`): the fake honours it;
 * WeChat does not, which is why the sender also holds a lease (see notice-sender.ts).
 */
import { logger } from '../_lib/logger';
import { maskPhone } from '../../shared/mask';
import type { Notice } from '../../shared/lifecycle/application-notices';
import { parseTemplateIds, smsText, subscribeData } from '../../shared/notices';

export type Destination = { channel: 'wechat'; openId: string } | { channel: 'sms'; phone: string };

export interface OutgoingNotice {
  idempotencyKey: string;
  to: Destination;
  notice: Notice;
  createdAt: string;
  /** the mini-app page the message opens */
  page: string;
}

/** A refusal that a retry cannot cure (no consent, unknown template): the notice is given up at once. */
export class PermanentDeliveryError extends Error {}

export interface NoticeAdapter {
  readonly channel: Destination['channel'];
  /** Resolves when the channel accepted the notice; throws otherwise (PermanentDeliveryError: do not retry). */
  send(n: OutgoingNotice): Promise<void>;
}

const TIMEOUT_MS = 3000;

/** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html */
export function weChatSubscribeAdapter(o: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  templateIds: Partial<Record<Notice['template'], string>>;
  /** formal | trial | developer */
  state?: string;
  fetchFn?: typeof fetch;
}): NoticeAdapter {
  const fetchFn = o.fetchFn ?? fetch;
  let token: { value: string; until: number } | undefined;
  const accessToken = async (): Promise<string> => {
    if (token && token.until > Date.now()) return token.value;
    const url = new URL('/cgi-bin/token', o.baseUrl);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: o.appId,
      secret: o.appSecret,
    }).toString();
    const res = await fetchFn(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error('WeChat access token refused');
    token = {
      value: body.access_token,
      until: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000,
    };
    return token.value;
  };
  return {
    channel: 'wechat',
    async send(n) {
      if (n.to.channel !== 'wechat') throw new PermanentDeliveryError('not a WeChat recipient');
      const templateId = o.templateIds[n.notice.template];
      if (!templateId)
        throw new PermanentDeliveryError(`no template id configured for ${n.notice.template}`);
      const url = new URL('/cgi-bin/message/subscribe/send', o.baseUrl);
      url.search = new URLSearchParams({ access_token: await accessToken() }).toString();
      const res = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-idempotency-key': n.idempotencyKey },
        body: JSON.stringify({
          touser: n.to.openId,
          template_id: templateId,
          page: n.page,
          data: subscribeData(n.notice, n.createdAt),
          miniprogram_state: o.state ?? 'formal',
          lang: 'zh_CN',
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`subscribeMessage.send HTTP ${String(res.status)}`);
      const body = (await res.json()) as { errcode?: number; errmsg?: string };
      if (body.errcode === 0 || body.errcode === undefined) return;
      if (body.errcode === 40001 || body.errcode === 42001) token = undefined; // token expired: retry gets a new one
      // 43101 the user refused (or used up) the subscription, 40003 bad openid, 40037 bad template
      if ([43101, 40003, 40037, 47003].includes(body.errcode))
        throw new PermanentDeliveryError(`subscribeMessage.send errcode ${String(body.errcode)}`);
      throw new Error(`subscribeMessage.send errcode ${String(body.errcode)}`);
    },
  };
}

export function smsStubAdapter(o: { url?: string; fetchFn?: typeof fetch } = {}): NoticeAdapter {
  const fetchFn = o.fetchFn ?? fetch;
  return {
    channel: 'sms',
    async send(n) {
      if (n.to.channel !== 'sms') throw new PermanentDeliveryError('not an SMS recipient');
      const text = smsText(n.notice);
      if (!o.url) {
        logger.info('sms stub: not sent (no gateway)', { to: maskPhone(n.to.phone), text });
        return;
      }
      const res = await fetchFn(new URL('/sms/send', o.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-idempotency-key': n.idempotencyKey },
        body: JSON.stringify({ phone: n.to.phone, text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = (await res.json().catch(() => ({}))) as { errcode?: number };
      if (!res.ok || (body.errcode ?? 0) !== 0)
        throw new Error(`sms gateway ${String(res.status)} errcode ${String(body.errcode)}`);
    },
  };
}

/** The adapters as configured by the environment (serverless.yml provider.environment). */
export function noticeAdapters(env: NodeJS.ProcessEnv = process.env): {
  wechat: NoticeAdapter;
  sms: NoticeAdapter;
} {
  return {
    wechat: weChatSubscribeAdapter({
      baseUrl: env.WECHAT_API_URL || 'https://api.weixin.qq.com',
      appId: env.WECHAT_APP_ID ?? '',
      appSecret: env.WECHAT_APP_SECRET ?? '',
      templateIds: parseTemplateIds(env.WECHAT_TEMPLATE_IDS),
      state: env.WECHAT_MINIPROGRAM_STATE || 'formal',
    }),
    sms: smsStubAdapter(env.SMS_URL ? { url: env.SMS_URL } : {}),
  };
}
