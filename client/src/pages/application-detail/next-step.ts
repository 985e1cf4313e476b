/** "What to do next" for the applicant, from the status alone (pure, so it is tested directly). */
import { ACCOUNT_EDITABLE_STATUSES } from '@shared/lifecycle/application';
import type { ApplicationDetail, ApplicationStatus } from '../../api/applications';
import { formatDate } from '../../format';

export type Action = 'supplement' | 'withdraw' | 'objection' | 'account';

const WITHDRAWABLE: readonly ApplicationStatus[] = [
  'submitted',
  'pending_supplement',
  'review_l1',
  'review_l2',
  'returned',
];

/** The account can be given or changed until the money moves; without one it is the next step. */
export const canChangeAccount = (app: ApplicationDetail) =>
  ACCOUNT_EDITABLE_STATUSES.includes(app.status);

export function nextStep(app: ApplicationDetail): { text: string; actions: Action[] } {
  const step = byStatus(app);
  if (app.account || !canChangeAccount(app)) return step;
  const moneyWaits =
    app.status === 'payable' ||
    app.status === 'payment_failed' ||
    app.status === 'awaiting_account' ||
    app.status === 'on_hold';
  return {
    text: moneyWaits
      ? '尚未提供收款账户，资金无法拨付：请补充收款账户。'
      : `${step.text}请补充收款账户，以便审核通过后拨付。`,
    actions: ['account', ...step.actions],
  };
}

function byStatus(app: ApplicationDetail): { text: string; actions: Action[] } {
  const withdraw: Action[] = WITHDRAWABLE.includes(app.status) ? ['withdraw'] : [];
  switch (app.status) {
    case 'draft':
    case 'submitted':
      return { text: '申请已提交，等待部门受理。', actions: withdraw };
    case 'pending_supplement':
      return {
        text: `容缺受理：请在 ${formatDate(app.supplementDueAt)} 前补交缺少的材料，逾期将不予受理。`,
        actions: ['supplement', ...withdraw],
      };
    case 'returned':
      return {
        text: `申请被退回补正：${app.returnNote ?? '请按要求修改材料'}。修改后重新提交即可。`,
        actions: ['supplement', ...withdraw],
      };
    case 'review_l1':
    case 'review_l2':
      return { text: '部门正在审核，无需操作。审核结果会第一时间通知您。', actions: withdraw };
    case 'approved':
      return { text: '审核已通过，即将进入公示。', actions: [] };
    case 'publicity':
      return {
        text: `审核通过，正在公示，${formatDate(app.publicityEndsAt)} 公示结束后拨付。对公示内容有异议可在公示期内提出。`,
        actions: ['objection'],
      };
    case 'payable':
    case 'paying':
      return { text: '公示已结束，资金正在拨付到您的账户。', actions: [] };
    case 'awaiting_account':
      return { text: '公示已结束，请提供收款账户，提供后即安排拨付。', actions: [] };
    case 'on_hold':
      return {
        text: '拨付已暂停，主管部门正在核实，请留意通知；如收款账户有误，可更换收款账户。',
        actions: [],
      };
    case 'paid':
      // a 追回 on the paid money is what the applicant must act on now
      if (app.recovery?.status === 'open')
        return { text: '该笔资金正在追回，请按通知退回款项。', actions: [] };
      if (app.recovery?.status === 'recovered')
        return { text: '该笔资金已追回，本事项办结。', actions: [] };
      return { text: '资金已到账，请查收。', actions: [] };
    case 'payment_failed':
      return { text: '拨付未成功，系统会自动重试；如收款账户有误，请更换收款账户。', actions: [] };
    case 'rejected':
      return { text: `很抱歉，申请未通过：${app.rejectionReason ?? '不符合条件'}。`, actions: [] };
    case 'withdrawn':
      return { text: '您已撤回该申请。', actions: [] };
    case 'cancelled':
      return { text: '该申请已取消。', actions: [] };
  }
}
