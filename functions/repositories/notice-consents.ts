/**
 * How a recipient may be reached, as they last told the mini-app (订阅消息 consent):
 *   PK `NOTICE_CONSENT#<recipient>`  SK `CONSENT` — one record, replaced by the latest answer
 * `wechat` carries the openid that accepted the templates; `sms` the phone on file (a resident
 * without WeChat consent, or the H5 app); no record: the message centre only.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NoticeTemplate } from '../../shared/notices';
import { db, tableName } from './table';

export type NoticeConsent =
  | {
      channel: 'wechat';
      openId: string;
      templates: NoticeTemplate[];
      /** SMS fallback for templates not accepted */
      phone?: string;
      userId: string;
      at: string;
    }
  | { channel: 'sms'; phone?: string; userId: string; at: string };

const key = (recipient: string) => ({ PK: `NOTICE_CONSENT#${recipient}`, SK: 'CONSENT' });

export async function putNoticeConsent(recipient: string, consent: NoticeConsent): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key(recipient), kind: 'notice-consent', consent },
    }),
  );
}

export async function noticeConsentOf(recipient: string): Promise<NoticeConsent | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key(recipient) }));
  return out.Item?.consent as NoticeConsent | undefined;
}
