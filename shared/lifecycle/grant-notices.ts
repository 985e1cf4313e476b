/**
 * What a grant's events mean to the subject: the subscription message sent through the
 * outbox for the transitions they must act on or know about (请确认收款账户, 公示, 到账, 退票).
 * Messages name amounts and states, never an account number.
 */
import { formatFen } from '../money';
import type { Notice } from './application-notices';
import { GRANT_STATUS_LABELS, type GrantEvent } from './grant';
import { describePayableEvent } from './payable';

function describe(e: GrantEvent): string | undefined {
  switch (e.type) {
    case 'ConfirmationRequested':
      return '您有一笔免申即享资金待领取，请确认收款账户';
    case 'PublicityStarted':
      return `免申即享资金开始公示，至 ${e.endsAt.slice(0, 10)}`;
    case 'PaymentSettled':
      return `免申即享资金 ${formatFen(e.amountFen)} 已到账`;
    case 'PaymentReturned':
      return `拨付被退回（${e.reason}），请核对收款账户，我们将重新拨付`;
    case 'PaymentFailed':
      return `拨付未成功（${e.reason}），系统将自动重试`;
    case 'GrantCancelled':
      return `已取消：${e.reason}`;
    case 'AccountRequested':
      return '您有一笔免申即享资金缺少收款账户，请提供收款账户';
    case 'AccountCorrected':
    case 'PaymentHeld':
    case 'PaymentReleased':
      return describePayableEvent(e, formatFen);
    default:
      return undefined;
  }
}

/**
 * The notice for a transition's events, or none. The template is the generic status
 * message the application side registered (`application_status`); a grant-specific
 * WeChat template can replace it without touching the callers.
 */
export function grantNoticeFor(events: readonly GrantEvent[]): Notice | undefined {
  for (const e of [...events].reverse()) {
    const text = describe(e);
    if (text !== undefined && 'to' in e && e.to !== undefined)
      return { template: 'application_status', status: GRANT_STATUS_LABELS[e.to], text };
  }
  return undefined;
}
