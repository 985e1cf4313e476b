/**
 * What an application's events mean to people: the timeline line shown in the app and
 * the WeChat subscription message sent to the applicant for the transitions they must
 * know about (DESIGN §6: notifications from the same write as the transition).
 */
import { formatFen } from '../money';
import type { ApplicationEvent } from './application';
import { APPLICATION_STATUS_LABELS } from './application';
import { assertNever } from './common';
import { describePayableEvent } from './payable';

/** Material codes as people read them; unknown codes are shown as they are. */
export type MaterialNames = (code: string) => string;
const asIs: MaterialNames = (code) => code;

export function describeEvent(e: ApplicationEvent, materialName: MaterialNames = asIs): string {
  switch (e.type) {
    case 'ApplicationDrafted':
      return '创建申请';
    case 'ApplicationSubmitted':
      return '提交申请';
    case 'SupplementRequested':
      return `容缺受理，请在 ${e.dueAt.slice(0, 10)} 前补齐材料：${e.missing.map(materialName).join('、')}`;
    case 'ApplicationSupplemented':
      return `补正材料：${e.codes.map(materialName).join('、')}`;
    case 'ApplicationWithdrawn':
      return e.reason ? `申请人撤回：${e.reason}` : '申请人撤回';
    case 'ReviewStarted':
      return '进入初审';
    case 'ApplicationDecided': {
      const level = e.level === 1 ? '一级审核' : '二级审核';
      switch (e.decision.kind) {
        case 'approve': {
          const why = e.decision.reason ? `（核减理由：${e.decision.reason}）` : '';
          return e.to === 'review_l2'
            ? `${level}通过，建议金额 ${formatFen(e.decision.amountFen)}${why}，转二级审核`
            : `${level}通过，核定金额 ${formatFen(e.decision.amountFen)}${why}`;
        }
        case 'reject':
          return `${level}不通过：${e.decision.reason}`;
        case 'return':
          return `${level}退回补正：${e.decision.note}`;
        default:
          return assertNever(e.decision);
      }
    }
    case 'SupplementLapsed':
      return '容缺材料逾期未补正，申请终止';
    case 'PublicityStarted':
      return `开始公示，至 ${e.endsAt.slice(0, 10)}`;
    case 'PayeeProvided':
      return `${e.source === 'profile' ? '确认使用已登记的收款账户' : '提供收款账户'}：${e.bankName} ${e.accountMasked}`;
    case 'ObjectionRaised':
      return '公示期内收到异议';
    case 'ObjectionResolved':
      return e.upheld ? '异议成立' : '异议不成立';
    case 'ApplicationRejected':
      return `未通过：${e.reason}`;
    case 'PublicityClosed':
      return '公示结束，待拨付';
    case 'PaymentRequested':
    case 'PaymentReissued':
    case 'PaymentSettled':
    case 'PaymentFailed':
    case 'PaymentReturned':
    case 'AccountRequested':
    case 'AccountProvided':
    case 'PayeeUpdated':
    case 'AccountCorrected':
    case 'PaymentHeld':
    case 'PaymentReleased':
      return describePayableEvent(e, formatFen);
    case 'ApplicationCancelled':
      return `已取消：${e.reason}`;
    default:
      return assertNever(e);
  }
}

/** A subscription message for the applicant (template + fields), or none. */
export type Notice = {
  /** application_status: a transition the applicant is told about; sla_digest: a reviewer's daily 超期 digest */
  readonly template: 'application_status' | 'sla_digest';
  readonly status: string;
  readonly text: string;
};

/** The transitions an applicant is told about; internal steps (review start, L1→L2) are not. */
export function noticeFor(events: readonly ApplicationEvent[]): Notice | undefined {
  const visible = events.filter((e) => {
    switch (e.type) {
      case 'ApplicationSubmitted':
      case 'SupplementRequested':
      case 'ApplicationSupplemented':
      case 'SupplementLapsed':
      case 'PublicityStarted':
      case 'ApplicationRejected':
      case 'PublicityClosed':
      case 'PaymentSettled':
      case 'PaymentFailed':
      case 'ApplicationCancelled':
      case 'AccountRequested':
      case 'AccountCorrected':
      case 'PaymentHeld':
      case 'PaymentReleased':
        return true;
      case 'ApplicationDecided':
        return e.to === 'returned' || e.to === 'rejected';
      default:
        return false;
    }
  });
  const last = visible.at(-1);
  if (last === undefined || !('to' in last) || last.to === undefined) return undefined;
  return {
    template: 'application_status',
    status: APPLICATION_STATUS_LABELS[last.to],
    text: describeEvent(last),
  };
}
