/** Fixtures of the notice tests: a fake WeChat server, the sender's adapters pointed at it, notices in the outbox. */
import { randomBytes } from 'node:crypto';
import { smsStubAdapter, weChatSubscribeAdapter } from '../../../functions/adapters/notify';
import { outboxItem } from '../../../functions/repositories/outbox';
import { conflict } from '../../../shared/errors';
import { transact } from '../../../functions/repositories/table';
import { bindOpenId } from '../../../functions/repositories/users';
import type { SenderDeps } from '../../../functions/services/notice-sender';
import { makeNewId, type SubjectId } from '../../../shared/ids';
import type { FakeWeChatServer } from '../../../infra/fakes/wechat';
import { signSession } from '../../support/session';
import { now as clockNow } from '../../../functions/_lib/clock';

export const TEMPLATES = { application_status: 'tpl-status-001', sla_digest: 'tpl-digest-001' };
export const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });

export function senderDeps(fake: FakeWeChatServer, now: () => Date = clockNow): SenderDeps {
  return {
    adapters: {
      wechat: weChatSubscribeAdapter({
        baseUrl: fake.url,
        appId: 'wx-test',
        appSecret: 'secret',
        templateIds: TEMPLATES,
      }),
      sms: smsStubAdapter({ url: fake.url }),
    },
    now,
  };
}

/** An applicant with a stored user and a WeChat binding (openid fake-openid-<tag>), and a token. */
export async function applicant(tag: string): Promise<{
  token: string;
  subjectId: SubjectId;
  userId: string;
  openId: string;
}> {
  const subjectId = newId('subject');
  const userId = newId('user');
  const { token } = await signSession({ kind: 'applicant', userId, subjectId }, new Date());
  await bindOpenId(`fake-openid-${tag}`, userId);
  return { token, subjectId, userId, openId: `fake-openid-${tag}` };
}

/**
 * A transition's notice as the services write it (outboxItem in the transition's transaction);
 * written alone here so a test controls how many there are. Returns the outbox id.
 */
export async function notice(
  subjectId: SubjectId,
  text: string,
  createdAt = clockNow().toISOString(),
): Promise<string> {
  const id = newId('application');
  await transact(
    [
      outboxItem({
        subjectId,
        aggregate: { kind: 'application', id, version: 2 },
        notice: { template: 'application_status', status: '待审核', text },
        createdAt,
      }).item,
    ],
    () => conflict(),
  );
  return `${id}~2`;
}
