/**
 * The payable sub-lifecycle (issue #10): the money part every paid item shares — an approved
 * application, a 免申即享 grant, a quarter's 贴息. Written once; the three lifecycles
 * delegate their payment steps to it and wrap its events in their own.
 *
 *   payable ──→ paying ──→ paid
 *      │          ├──→ payment_failed ─┐  (retried after a backoff; 补发 after a 退票)
 *      │          └──→ returned (退票) ─┤
 *      │                               │  after MAX_PAYMENT_ATTEMPTS failed attempts → on_hold
 *      ├──→ awaiting_account (no receiving account: never in the due index; the payee is asked)
 *      ├──→ on_hold (an operator, or the retry budget spent)  ──release──→ payable
 *      └──→ cancelled (an operator, with a reason; the budget reservation is released)
 *
 * - `paymentAttempt` only ever rises: a payment's idempotency key is item + attempt, so a
 *   number is never reused. `attemptFloor` is where the automatic retry budget counts from;
 *   a release or a corrected account moves it up to the current attempt.
 * - Money in flight (`paying`) is never held or cancelled: the treasury answers first.
 * - Every operator step needs a reason, which lands in the event.
 * - Pure: each function returns the patch and the event bodies; the host lifecycle adds its
 *   own version, actor, instant and id (its `emit`).
 */
import type { Actor } from '../actor';
import type { Instant } from '../calendar';
import { DomainError, invalidInput, wrongState } from '../errors';
import type { PaymentId } from '../ids';
import type { Fen } from '../money';
import { assertNever, requireText, type StatusChange } from './common';
import { requireAdmin, requireSystem, requireSystemOrAdmin } from './guards';
import { PAYABLE_STATUS_LABELS, PAYABLE_STATUSES, type PayableStatus } from '../vocabulary/status';

/** Attempts the schedule makes on its own before an operator must decide (on_hold). */
export const MAX_PAYMENT_ATTEMPTS = 5;

/** The receiving account. Never logged unmasked (shared/mask.ts). */
export type Payee = {
  readonly accountName: string;
  readonly bankName: string;
  readonly accountNumber: string;
};

// the statuses and their labels are one vocabulary (shared/vocabulary/status.ts)
export { PAYABLE_STATUSES, PAYABLE_STATUS_LABELS, type PayableStatus };

/** The only edges of the money part; each host's table contains them all. */
export const PAYABLE_TRANSITIONS: Readonly<Record<PayableStatus, readonly PayableStatus[]>> = {
  payable: ['paying', 'awaiting_account', 'on_hold', 'cancelled'],
  awaiting_account: ['payable', 'on_hold', 'cancelled'],
  paying: ['paid', 'payment_failed', 'returned'],
  payment_failed: ['paying', 'awaiting_account', 'on_hold', 'cancelled'],
  returned: ['paying', 'awaiting_account', 'on_hold', 'cancelled'],
  on_hold: ['payable', 'awaiting_account', 'cancelled'],
  paid: [],
  cancelled: [],
};

/** Statuses from which the schedule may start a payment (the due index holds only these). */
export const STARTABLE_STATUSES: readonly PayableStatus[] = [
  'payable',
  'payment_failed',
  'returned',
];
/** Statuses in which the budget is reserved and nothing is in flight: an operator may hold or cancel. */
export const OPERABLE_STATUSES: readonly PayableStatus[] = [
  'payable',
  'awaiting_account',
  'payment_failed',
  'returned',
  'on_hold',
];

export const isPayableStatus = (s: string): s is PayableStatus =>
  (PAYABLE_STATUSES as readonly string[]).includes(s);

/** The money fields of a host aggregate, as the sub-lifecycle sees them. */
export type PayablePart = {
  readonly status: PayableStatus;
  readonly amountFen: Fen;
  readonly payee?: Payee;
  readonly paymentAttempt: number;
  /** attempts made before the last release or account correction (the retry budget counts from here) */
  readonly attemptFloor?: number;
  readonly paymentId?: PaymentId;
  readonly paymentFailure?: string;
  readonly paidAt?: Instant;
  readonly holdReason?: string;
  readonly cancelReason?: string;
};

/** The fields a step may change on the host (never the amount). */
export type PayablePatch = Partial<Omit<PayablePart, 'amountFen'>>;

/** Event bodies; `S` is the host's status type (a superset of PayableStatus). */
export type PayableEventBody<S extends string = PayableStatus> =
  | (StatusChange<S> & {
      readonly type: 'PaymentRequested' | 'PaymentReissued';
      readonly paymentId: PaymentId;
      readonly attempt: number;
      readonly amountFen: Fen;
    })
  | (StatusChange<S> & {
      readonly type: 'PaymentSettled';
      readonly paymentId: PaymentId;
      readonly amountFen: Fen;
    })
  | (StatusChange<S> & {
      readonly type: 'PaymentFailed' | 'PaymentReturned';
      readonly paymentId: PaymentId;
      readonly reason: string;
    })
  | (StatusChange<S> & { readonly type: 'AccountRequested' })
  | (StatusChange<S> & { readonly type: 'AccountProvided' })
  | { readonly type: 'PayeeUpdated' }
  | (Partial<StatusChange<S>> & { readonly type: 'AccountCorrected'; readonly reason: string })
  | (StatusChange<S> & {
      readonly type: 'PaymentHeld';
      readonly reason: string;
      readonly automatic?: boolean;
    })
  | (StatusChange<S> & { readonly type: 'PaymentReleased'; readonly reason: string })
  | (StatusChange<S> & { readonly type: 'PayableCancelled'; readonly reason: string });

export type PayableEventType = PayableEventBody['type'];
export type PayableStep = {
  readonly patch: PayablePatch;
  readonly drafts: readonly PayableEventBody[];
};

function requireStatus(p: PayablePart, allowed: readonly PayableStatus[], action: string): void {
  if (!allowed.includes(p.status)) throw wrongState(PAYABLE_STATUS_LABELS[p.status], action);
}

/** Failed attempts since the last release or correction. */
export const attemptsUsed = (p: Pick<PayablePart, 'paymentAttempt' | 'attemptFloor'>): number =>
  p.paymentAttempt - (p.attemptFloor ?? 0);

export const noPayee = () =>
  new DomainError('WRONG_STATE', '尚未提供收款账户', { reason: 'NO_PAYEE' });
export const attemptsExhausted = () =>
  new DomainError('WRONG_STATE', `已自动重试${MAX_PAYMENT_ATTEMPTS}次，需人工处理`, {
    reason: 'ATTEMPTS_EXHAUSTED',
  });

/** Why the schedule cannot start this item, or undefined if it can. */
export function cannotStart(
  p: PayablePart,
): 'not_startable' | 'no_payee' | 'attempts_exhausted' | undefined {
  if (!STARTABLE_STATUSES.includes(p.status)) return 'not_startable';
  if (p.payee === undefined) return 'no_payee';
  if (attemptsUsed(p) >= MAX_PAYMENT_ATTEMPTS) return 'attempts_exhausted';
  return undefined;
}

/**
 * When a payment may start (issue #15: decided here, not in the disburse service). A due item
 * is skipped when it is not in a startable status (it moved since it was listed); parked when
 * there is no receiving account; held for an operator when the retry budget is spent; else a
 * payment starts, attempt number one above the last, to `payee`. (A policy with finance
 * sign-off also needs an approved 支付批次: shared/lifecycle/payment-batch.ts `signoffStep`.)
 */
export type StartDecision =
  | { readonly kind: 'skip' }
  | { readonly kind: 'park' }
  | { readonly kind: 'hold'; readonly reason: string }
  | { readonly kind: 'start'; readonly payee: Payee; readonly attempt: number };

export function startDecision(
  p: PayablePart | undefined,
  /** the account to pay: the item's own, else (applications) the subject's account on file */
  payee: Payee | undefined,
): StartDecision {
  if (p === undefined) return { kind: 'skip' };
  switch (cannotStart(p)) {
    case 'not_startable':
      return { kind: 'skip' };
    case 'no_payee':
      return { kind: 'park' };
    case 'attempts_exhausted':
      return { kind: 'hold', reason: AUTO_HOLD_REASON };
    case undefined:
      return payee === undefined
        ? { kind: 'skip' }
        : { kind: 'start', payee, attempt: p.paymentAttempt + 1 };
  }
}

/**
 * payable | payment_failed | returned → paying with a new payment (補发 after a 退票).
 * The payment's idempotency key is `paymentIdempotencyKey(itemId, attempt)`.
 */
export function startPayment(
  p: PayablePart,
  cmd: { readonly paymentId: PaymentId },
  by: Actor,
): PayableStep {
  requireSystemOrAdmin(by);
  requireStatus(p, STARTABLE_STATUSES, '拨付');
  if (p.payee === undefined) throw noPayee();
  if (attemptsUsed(p) >= MAX_PAYMENT_ATTEMPTS) throw attemptsExhausted();
  const attempt = p.paymentAttempt + 1;
  const type = p.status === 'returned' ? 'PaymentReissued' : 'PaymentRequested';
  return {
    patch: {
      status: 'paying',
      paymentAttempt: attempt,
      paymentId: cmd.paymentId,
      paymentFailure: undefined,
    },
    drafts: [
      {
        type,
        from: p.status,
        to: 'paying',
        paymentId: cmd.paymentId,
        attempt,
        amountFen: p.amountFen,
      },
    ],
  };
}

export type PayableSettlement =
  | { readonly kind: 'paid'; readonly paymentId: PaymentId }
  | {
      readonly kind: 'failed' | 'returned';
      readonly paymentId: PaymentId;
      readonly reason: string;
    };

export const AUTO_HOLD_REASON = `自动重试${MAX_PAYMENT_ATTEMPTS}次仍未成功，转人工处理`;

/**
 * paying → paid | payment_failed | returned, from the treasury answer or reconciliation.
 * An answer for another attempt, or a second answer, is refused (the caller treats that as
 * "already handled"). The failure that spends the retry budget also puts the item on hold,
 * in the same transition: it leaves the due index at once.
 */
export function settlePayment(
  p: PayablePart,
  o: PayableSettlement,
  by: Actor,
  now: Instant,
): PayableStep {
  requireSystem(by);
  requireStatus(p, ['paying'], '确认拨付结果');
  if (o.paymentId !== p.paymentId)
    throw new DomainError('WRONG_STATE', '不是当前这笔拨付', {
      current: p.paymentId,
      got: o.paymentId,
    });
  switch (o.kind) {
    case 'paid':
      return {
        patch: { status: 'paid', paidAt: now },
        drafts: [
          {
            type: 'PaymentSettled',
            from: 'paying',
            to: 'paid',
            paymentId: o.paymentId,
            amountFen: p.amountFen,
          },
        ],
      };
    case 'failed':
    case 'returned': {
      const reason = requireText(o.reason, o.kind === 'failed' ? '失败原因' : '退票原因');
      const to: PayableStatus = o.kind === 'failed' ? 'payment_failed' : 'returned';
      const failed: PayableEventBody = {
        type: o.kind === 'failed' ? 'PaymentFailed' : 'PaymentReturned',
        from: 'paying',
        to,
        paymentId: o.paymentId,
        reason,
      };
      if (attemptsUsed(p) < MAX_PAYMENT_ATTEMPTS)
        return { patch: { status: to, paymentFailure: reason }, drafts: [failed] };
      return {
        patch: { status: 'on_hold', paymentFailure: reason, holdReason: AUTO_HOLD_REASON },
        drafts: [
          failed,
          {
            type: 'PaymentHeld',
            from: to,
            to: 'on_hold',
            reason: AUTO_HOLD_REASON,
            automatic: true,
          },
        ],
      };
    }
    default:
      return assertNever(o);
  }
}

export const NO_ACCOUNT_REASON = '没有收款账户';

/** The schedule found no receiving account: park the item (out of the due index) and ask the payee. */
export function parkForAccount(p: PayablePart, by: Actor): PayableStep {
  requireSystemOrAdmin(by);
  requireStatus(p, STARTABLE_STATUSES, '等待收款账户');
  if (p.payee !== undefined)
    throw new DomainError('WRONG_STATE', '已有收款账户', { reason: 'HAS_PAYEE' });
  return {
    patch: { status: 'awaiting_account' },
    drafts: [{ type: 'AccountRequested', from: p.status, to: 'awaiting_account' }],
  };
}

/** Account number: digits only once spaces and dashes are gone, 8–30 of them. */
export function checkPayee(payee: Payee): Payee {
  const accountNumber = payee.accountNumber.replace(/[\s-]/g, '');
  if (!/^\d{8,30}$/.test(accountNumber))
    throw invalidInput('收款账号格式不正确', { field: 'accountNumber' });
  return {
    accountName: requireText(payee.accountName, '户名', 100),
    bankName: requireText(payee.bankName, '开户行', 100),
    accountNumber,
  };
}

/**
 * The payee gives (or corrects) the receiving account. The host checks that the actor owns
 * the item. awaiting_account → payable (due at once); after a failure or 退票 the status stays
 * and the retry budget starts afresh (the host makes the retry due at once); a held item
 * stays held (only an operator releases it).
 */
/**
 * Once the money has started to move, the receiving account is fixed: the item is paying or
 * paid, or it sits in a 支付批次 (whose sign-off froze the masked payee). Only an operator's
 * correction (correctAccount, with a reason) may change it then.
 */
export const accountLocked = (status: string) =>
  new DomainError(
    'WRONG_STATE',
    '该笔资金已进入支付流程，收款账户不能再更改；如需更改请联系经办部门',
    { reason: 'ACCOUNT_LOCKED', state: status },
  );

/** Statuses in which the money is moving or has moved: the payee's own change is refused. */
export const ACCOUNT_LOCKED_STATUSES: readonly PayableStatus[] = ['paying', 'paid'];

export function provideAccount(
  p: PayablePart,
  cmd: {
    readonly payee: Payee;
    /** the item is in an open or approved 支付批次 (the caller read its membership) */
    readonly inBatch?: boolean;
  },
): PayableStep {
  if (cmd.inBatch === true || ACCOUNT_LOCKED_STATUSES.includes(p.status))
    throw accountLocked(p.status);
  requireStatus(
    p,
    ['awaiting_account', 'payable', 'payment_failed', 'returned', 'on_hold'],
    '提供收款账户',
  );
  const payee = checkPayee(cmd.payee);
  if (p.status === 'awaiting_account') {
    return {
      patch: { payee, status: 'payable', attemptFloor: p.paymentAttempt },
      drafts: [{ type: 'AccountProvided', from: 'awaiting_account', to: 'payable' }],
    };
  }
  const floor =
    p.status === 'payment_failed' || p.status === 'returned'
      ? { attemptFloor: p.paymentAttempt }
      : {};
  return { patch: { payee, ...floor }, drafts: [{ type: 'PayeeUpdated' }] };
}

/** Operator: correct the account and retry at once, with a reason. Releases a hold. */
export function correctAccount(
  p: PayablePart,
  cmd: { readonly payee: Payee; readonly reason: string },
  by: Actor,
): PayableStep {
  requireAdmin(by);
  requireStatus(p, OPERABLE_STATUSES, '更正收款账户');
  const reason = requireText(cmd.reason, '更正原因');
  const payee = checkPayee(cmd.payee);
  const to: PayableStatus =
    p.status === 'awaiting_account' || p.status === 'on_hold' ? 'payable' : p.status;
  return {
    patch: { payee, status: to, attemptFloor: p.paymentAttempt, holdReason: undefined },
    // a status change only when there is one (a failed item keeps its status and is retried at once)
    drafts: [
      to === p.status
        ? { type: 'AccountCorrected', reason }
        : { type: 'AccountCorrected', from: p.status, to, reason },
    ],
  };
}

/** Operator (or the system): stop paying until released. Never while a payment is in flight. */
export function hold(p: PayablePart, cmd: { readonly reason: string }, by: Actor): PayableStep {
  requireSystemOrAdmin(by);
  requireStatus(p, ['payable', 'awaiting_account', 'payment_failed', 'returned'], '暂停拨付');
  const reason = requireText(cmd.reason, '暂停原因');
  return {
    patch: { status: 'on_hold', holdReason: reason },
    drafts: [
      {
        type: 'PaymentHeld',
        from: p.status,
        to: 'on_hold',
        reason,
        ...(by.kind === 'system' ? { automatic: true } : {}),
      },
    ],
  };
}

/** Operator: on_hold → payable (or awaiting_account without an account), with a fresh retry budget. */
export function release(p: PayablePart, cmd: { readonly reason: string }, by: Actor): PayableStep {
  requireAdmin(by);
  requireStatus(p, ['on_hold'], '恢复拨付');
  const reason = requireText(cmd.reason, '恢复原因');
  const to: PayableStatus = p.payee === undefined ? 'awaiting_account' : 'payable';
  return {
    patch: { status: to, holdReason: undefined, attemptFloor: p.paymentAttempt },
    drafts: [{ type: 'PaymentReleased', from: 'on_hold', to, reason }],
  };
}

/**
 * Operator: give up for good, with a reason. The caller releases the budget reservation
 * (ledger.release) and the entitlement claim in the same transaction.
 */
export function cancel(p: PayablePart, cmd: { readonly reason: string }, by: Actor): PayableStep {
  requireAdmin(by);
  requireStatus(p, OPERABLE_STATUSES, '取消拨付');
  const reason = requireText(cmd.reason, '取消原因');
  return {
    patch: { status: 'cancelled', cancelReason: reason },
    drafts: [{ type: 'PayableCancelled', from: p.status, to: 'cancelled', reason }],
  };
}

/** Timeline text of a payable event (shared by the hosts' describers). */
export function describePayableEvent(
  e: PayableEventBody<string>,
  formatAmount: (f: Fen) => string,
): string {
  switch (e.type) {
    case 'PaymentRequested':
      return `发起拨付 ${formatAmount(e.amountFen)}（第${e.attempt}次）`;
    case 'PaymentReissued':
      return `补发 ${formatAmount(e.amountFen)}（第${e.attempt}次）`;
    case 'PaymentSettled':
      return `资金已到账 ${formatAmount(e.amountFen)}`;
    case 'PaymentFailed':
      return `拨付失败：${e.reason}`;
    case 'PaymentReturned':
      return `拨付被退回（退票）：${e.reason}`;
    case 'AccountRequested':
      return '缺少收款账户，请提供收款账户后拨付';
    case 'AccountProvided':
      return '已提供收款账户，待拨付';
    case 'PayeeUpdated':
      return '收款账户已更新';
    case 'AccountCorrected':
      return `收款账户已更正：${e.reason}`;
    case 'PaymentHeld':
      return `暂停拨付：${e.reason}`;
    case 'PaymentReleased':
      return `恢复拨付：${e.reason}`;
    case 'PayableCancelled':
      return `已取消：${e.reason}`;
    default:
      return assertNever(e);
  }
}
