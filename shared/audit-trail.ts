/**
 * The audit trail's pure parts (issue 14, DESIGN §14): every stored event as a step (who,
 * when, what, amount, reason), which steps are decisions, and the budget movements an item's
 * events imply on its policy's line. The service (functions/services/audit.ts) loads the
 * records; nothing here reads a clock or a store.
 */
import type { Actor } from './actor';
import type { ApplicationEvent } from './lifecycle/application';
import { describeEvent } from './lifecycle/application-notices';
import type { GrantEvent } from './lifecycle/grant';
import type { RecoveryEvent } from './lifecycle/recovery';
import type { PaymentEvent } from './payment';
import type { TrailStep } from './schemas/audit';
import { ACTOR_KIND_LABELS, DEPARTMENT_LABELS } from './vocabulary';

/** Chinese labels of the events that application-notices does not describe (grants, payments, recoveries). */
const LABELS: Readonly<Record<string, string>> = {
  GrantDetected: '系统比对数据，确认符合条件（免申即享）',
  ConfirmationRequested: '请企业/群众确认收款账户',
  GrantConfirmed: '确认收款账户',
  PublicityStarted: '开始公示',
  ObjectionRaised: '公示期内收到异议',
  ObjectionResolved: '异议处理完毕',
  PublicityClosed: '公示期满，预算已预留，待拨付',
  GrantCancelled: '发放取消',
  ApplicationCancelled: '拨付取消',
  PaymentRequested: '发起拨付',
  PaymentReissued: '补发',
  PaymentSettled: '拨付完成',
  PaymentFailed: '拨付失败',
  PaymentReturned: '退票',
  AccountRequested: '请提供收款账户',
  AccountProvided: '已提供收款账户',
  PayeeUpdated: '更新收款账户',
  AccountCorrected: '更正收款账户',
  PaymentHeld: '暂停拨付',
  PaymentReleased: '恢复拨付',
  PaymentCreated: '生成支付指令',
  PaymentAccepted: '国库已受理',
  PaymentPaid: '国库回复：已支付',
  PaymentLateAnswer: '国库迟到回复（与已结状态不符，留存待核）',
  RecoveryOpened: '发起追回',
  RecoveryRecovered: '追回到账',
  RecoveryWrittenOff: '追回核销',
};

/** Event types that are a person's decision on the item (who, when, amount, reason). */
const DECISIONS = new Set([
  'ApplicationDecided',
  'ApplicationRejected',
  'ApplicationWithdrawn',
  'ApplicationCancelled',
  'GrantCancelled',
  'ObjectionResolved',
  'PaymentHeld',
  'PaymentReleased',
  'AccountCorrected',
  'RecoveryOpened',
  'RecoveryRecovered',
  'RecoveryWrittenOff',
]);

export function trailActor(a: Actor): NonNullable<TrailStep['by']> {
  switch (a.kind) {
    case 'applicant':
      return { kind: a.kind, label: ACTOR_KIND_LABELS.applicant, userId: a.userId };
    case 'reviewer':
      return {
        kind: a.kind,
        label: `${DEPARTMENT_LABELS[a.department]}${a.level === 1 ? '一级' : '二级'}审核`,
        userId: a.userId,
        department: a.department,
        level: a.level,
      };
    case 'admin':
    case 'auditor':
      return { kind: a.kind, label: ACTOR_KIND_LABELS[a.kind], userId: a.userId };
    case 'system':
      return {
        kind: a.kind,
        label: a.job === 'public-objection' ? '公众（公示页面）' : `系统（${a.job}）`,
        job: a.job,
      };
  }
}

type AnyEvent = ApplicationEvent | GrantEvent | RecoveryEvent;

/** Amount and reason carried by an event, whatever its type. */
function amountAndReason(e: Record<string, unknown>): { amountFen?: number; reason?: string } {
  const out: { amountFen?: number; reason?: string } = {};
  const decision = e.decision as Record<string, unknown> | undefined;
  const amount = decision?.amountFen ?? e.amountFen;
  if (typeof amount === 'number') out.amountFen = amount;
  const reason = decision?.reason ?? decision?.note ?? e.reason ?? e.note;
  if (typeof reason === 'string') out.reason = reason;
  return out;
}

/** One stored event of an application, grant or recovery as a step of the trail. */
export function trailStep(kind: 'application' | 'grant' | 'recovery', e: AnyEvent): TrailStep {
  const raw = e as unknown as Record<string, unknown>;
  const label =
    kind === 'application'
      ? describeEvent(e as ApplicationEvent)
      : e.type === 'ObjectionResolved'
        ? (e as { upheld?: boolean }).upheld
          ? '异议成立'
          : '异议不成立'
        : (LABELS[e.type] ?? e.type);
  return {
    at: e.at,
    type: e.type,
    label,
    by: trailActor(e.by),
    ...('to' in e ? { from: e.from ?? null, to: e.to } : {}),
    ...amountAndReason(raw),
  };
}

/** A payment's event (the treasury's answers included) as a step; payments are moved by the system. */
export function paymentStep(e: PaymentEvent): TrailStep {
  return {
    at: e.at,
    type: e.type,
    label: LABELS[e.type] ?? e.type,
    from: e.from,
    to: e.to,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
  };
}

export const isDecision = (s: TrailStep): boolean => DECISIONS.has(s.type);

export type BudgetMovement = {
  at: string;
  movement: 'reserved' | 'spent' | 'released' | 'refunded';
  amountFen: number;
  fiscalYear: number;
};

/**
 * The movements an item's own events imply on its line (repositories/ledger.ts makes each in
 * the transaction of that event): leaving 公示 reserves, a settled payment spends, a
 * cancellation after the reservation releases, a recovery refunds.
 */
export function budgetMovements(
  steps: readonly TrailStep[],
  amountFen: number,
  fiscalYear: number,
): BudgetMovement[] {
  const out: BudgetMovement[] = [];
  let reserved = false;
  for (const s of steps) {
    const move = (movement: BudgetMovement['movement']) =>
      out.push({ at: s.at, movement, amountFen: s.amountFen ?? amountFen, fiscalYear });
    if (s.type === 'PublicityClosed') {
      reserved = true;
      move('reserved');
    } else if (s.type === 'PaymentSettled') {
      reserved = false;
      move('spent');
    } else if ((s.type === 'GrantCancelled' || s.type === 'ApplicationCancelled') && reserved) {
      reserved = false;
      move('released');
    } else if (s.type === 'RecoveryRecovered') {
      move('refunded');
    }
  }
  return out;
}
