/**
 * The three kinds of item money is paid for — a 免申即享 grant, an approved application,
 * a quarter's 贴息 — seen through one port, so disburse, reconciliation and the operator
 * commands are written once. Each adapter runs its own lifecycle's pure transition (which
 * delegates to the payable sub-lifecycle, shared/lifecycle/payable.ts) and saves the item
 * together with whatever must move with it (payment, ledger, outbox) in one transaction.
 */
import type { SystemActor } from '../../shared/actor';
import type { Instant } from '../../shared/calendar';
import type { ApplicationId, GrantId, PaymentId, PolicyId, SubjectId } from '../../shared/ids';
import * as app from '../../shared/lifecycle/application';
import { noticeFor } from '../../shared/lifecycle/application-notices';
import { outboxItem } from '../repositories/outbox';
import * as grant from '../../shared/lifecycle/grant';
import * as payout from '../../shared/lifecycle/interest-payout';
import {
  type PayablePart,
  type Payee,
  type PayableSettlement,
} from '../../shared/lifecycle/payable';
import type { Fen } from '../../shared/money';
import { payoutFiscalYear } from '../../shared/budget';
import { applicationLineYear, grantLineYear } from './budget';
import type { PayableKind } from '../../shared/payment';
import { findApplication, saveApplication } from '../repositories/applications';
import type { Actor } from '../../shared/actor';
import { grantOutbox } from './grant-notices';
import { findGrantRecord, payeeOnFile, saveGrant, type GrantRecord } from '../repositories/grants';
import { findInterestPayout, saveInterestPayout } from '../repositories/loans';
import type { SaveAggregate } from '../repositories/table';

export type WithItems = NonNullable<SaveAggregate<{ version: number }>['with']>;

export interface PayableView {
  kind: PayableKind;
  id: string;
  policyId: PolicyId;
  subjectId: SubjectId;
  amountFen: Fen;
  /** the fiscal year of the budget line the item is charged to (shared/budget.ts) */
  fiscalYear: number;
  /** the item's own status (anything outside the payment part: not ours to pay) */
  status: string;
  attempt: number;
  paymentId?: PaymentId;
  /** the account to pay: the item's own, else (applications) the subject's account on file */
  payee?: Payee;
  /** the money part, when the item is in it */
  part?: PayablePart;
  version: number;
  raw: unknown;
}

export type Settlement = PayableSettlement;

/** One step of the payable sub-lifecycle, as the services ask for it. */
export type PayableCommand =
  | { kind: 'start'; paymentId: PaymentId }
  | { kind: 'settle'; settlement: Settlement }
  | { kind: 'park' }
  | { kind: 'hold'; reason: string }
  | { kind: 'release'; reason: string }
  | { kind: 'cancel'; reason: string }
  | { kind: 'correct'; payee: Payee; reason: string };

export interface RunOptions {
  /** when a failed or returned item is due again (the due index) */
  retryAt?: string;
}

export interface PayableAdapter {
  kind: PayableKind;
  load(id: string): Promise<PayableView | undefined>;
  /** runs the command's pure transition and saves the item with `withItems` (payment, ledger …) in one transaction */
  run(
    v: PayableView,
    cmd: PayableCommand,
    by: Actor,
    now: Instant,
    withItems: WithItems,
    o?: RunOptions,
  ): Promise<{ status: string; version: number }>;
  /** item → paying with this payment, the payment's creation in `withItems` */
  start(
    v: PayableView,
    paymentId: PaymentId,
    by: SystemActor,
    now: Instant,
    withItems: WithItems,
  ): Promise<void>;
  /** item paying → paid / failed / returned, with the payment's move and ledger in `withItems` */
  settle(
    v: PayableView,
    s: Settlement,
    by: SystemActor,
    now: Instant,
    withItems: WithItems,
    retryAt?: string,
  ): Promise<void>;
}

/** Adds start/settle, written once over `run`. */
function adapter(a: Pick<PayableAdapter, 'kind' | 'load' | 'run'>): PayableAdapter {
  return {
    ...a,
    async start(v, paymentId, by, now, withItems) {
      await a.run(v, { kind: 'start', paymentId }, by, now, withItems);
    },
    async settle(v, s, by, now, withItems, retryAt) {
      await a.run(v, { kind: 'settle', settlement: s }, by, now, withItems, { retryAt });
    },
  };
}

type Lifecycle<T, E> = {
  start(
    t: T,
    cmd: { paymentId: PaymentId; payee?: Payee },
    by: Actor,
    now: Instant,
  ): { next: T; events: readonly E[] };
  settle(t: T, s: Settlement, by: Actor, now: Instant): { next: T; events: readonly E[] };
  park(t: T, by: Actor, now: Instant): { next: T; events: readonly E[] };
  hold(t: T, cmd: { reason: string }, by: Actor, now: Instant): { next: T; events: readonly E[] };
  release(
    t: T,
    cmd: { reason: string },
    by: Actor,
    now: Instant,
  ): { next: T; events: readonly E[] };
  cancel(t: T, cmd: { reason: string }, by: Actor, now: Instant): { next: T; events: readonly E[] };
  correct(
    t: T,
    cmd: { payee: Payee; reason: string },
    by: Actor,
    now: Instant,
  ): { next: T; events: readonly E[] };
};

function step<T, E>(
  l: Lifecycle<T, E>,
  t: T,
  cmd: PayableCommand,
  by: Actor,
  now: Instant,
  payee?: Payee,
) {
  switch (cmd.kind) {
    case 'start':
      return l.start(t, { paymentId: cmd.paymentId, payee }, by, now);
    case 'settle':
      return l.settle(t, cmd.settlement, by, now);
    case 'park':
      return l.park(t, by, now);
    case 'hold':
      return l.hold(t, cmd, by, now);
    case 'release':
      return l.release(t, cmd, by, now);
    case 'cancel':
      return l.cancel(t, cmd, by, now);
    case 'correct':
      return l.correct(t, cmd, by, now);
  }
}

const grantLifecycle: Lifecycle<grant.Grant, grant.GrantEvent> = {
  start: (g, cmd, by, now) =>
    g.status === 'returned' ? grant.reissue(g, cmd, by, now) : grant.disburse(g, cmd, by, now),
  settle: grant.settle,
  park: grant.parkForAccount,
  hold: grant.hold,
  release: grant.release,
  cancel: grant.cancel,
  correct: grant.correctAccount,
};

const grants = adapter({
  kind: 'grant',
  async load(id) {
    const r = await findGrantRecord(id as GrantId);
    if (!r) return undefined;
    const g = r.grant;
    const part = (grant.GRANT_PAYMENT_STATUSES as readonly string[]).includes(g.status)
      ? grant.payablePartOf(g)
      : undefined;
    return {
      kind: 'grant',
      id,
      policyId: g.policyId,
      subjectId: g.subjectId,
      amountFen: g.amountFen,
      fiscalYear: grantLineYear(g),
      status: g.status,
      attempt: g.paymentAttempt,
      paymentId: g.paymentId,
      payee: g.payee,
      part,
      version: g.version,
      raw: r,
    };
  },
  async run(v, cmd, by, now, withItems, o = {}) {
    const r = v.raw as GrantRecord;
    const t = step(grantLifecycle, r.grant, cmd, by, now);
    // a failed/returned item is due at its retry time; a corrected account makes it due at once
    const retryAt = cmd.kind === 'settle' ? o.retryAt : cmd.kind === 'correct' ? now : r.retryAt;
    await saveGrant(t.next, t.events, r.grant.version, {
      with: [...withItems, ...grantOutbox(t.next, t.events, now)],
      retryAt,
      runId: r.runId,
      now,
    });
    return t.next;
  },
});

const applicationLifecycle: Lifecycle<app.Application, app.ApplicationEvent> = {
  start: app.disburse,
  // The application lifecycle has no 退票 state (`returned` is 退回补正): a returned payment is a failed one, retried (补发) the same way.
  settle: (a, s, by, now) =>
    app.settle(
      a,
      s.kind === 'paid'
        ? s
        : {
            kind: 'failed',
            paymentId: s.paymentId,
            reason: s.kind === 'returned' ? `退票：${s.reason}` : s.reason,
          },
      by,
      now,
    ),
  park: app.parkForAccount,
  hold: app.hold,
  release: app.release,
  cancel: app.cancel,
  correct: app.correctAccount,
};

const applications = adapter({
  kind: 'application',
  async load(id) {
    const a = await findApplication(id as ApplicationId);
    if (!a) return undefined;
    const inPayment = (app.APPLICATION_PAYMENT_STATUSES as readonly string[]).includes(a.status);
    // The application's own account (given when applying) first, else the subject's account on file.
    const payee =
      a.payee ??
      (inPayment && a.status !== 'paid' && a.status !== 'cancelled'
        ? await payeeOnFile(a.subjectId)
        : undefined);
    const part = inPayment && a.approvedFen !== undefined ? app.payablePartOf(a, payee) : undefined;
    return {
      kind: 'application',
      id,
      policyId: a.policyId,
      subjectId: a.subjectId,
      amountFen: (a.approvedFen ?? 0) as Fen,
      fiscalYear: applicationLineYear(a),
      status: a.status,
      attempt: a.paymentAttempt,
      paymentId: a.paymentId,
      payee,
      part,
      version: a.version,
      raw: a,
    };
  },
  async run(v, cmd, by, now, withItems) {
    const a = v.raw as app.Application;
    const t =
      cmd.kind === 'release'
        ? app.release(a, cmd, by, now, v.payee)
        : step(applicationLifecycle, a, cmd, by, now, v.payee);
    await saveApplication(t.next, t.events, a.version, [
      ...withItems,
      ...applicationOutbox(t.next, t.events, now),
    ]);
    return t.next;
  },
});

const payoutLifecycle: Lifecycle<payout.InterestPayout, payout.PayoutEvent> = {
  start: (p, cmd, by, now) => payout.disbursePayout(p, cmd, by, now),
  settle: payout.settlePayout,
  park: (p, by, now) => payout.parkPayout(p, by, now),
  hold: payout.holdPayout,
  release: payout.releasePayout,
  cancel: payout.cancelPayout,
  correct: payout.correctPayoutAccount,
};

const interest = adapter({
  kind: 'loan_interest',
  async load(id) {
    const r = await findInterestPayout(id);
    if (!r) return undefined;
    const p = r.payout;
    return {
      kind: 'loan_interest',
      id,
      policyId: p.policyId,
      subjectId: p.subjectId,
      amountFen: p.amountFen,
      fiscalYear: payoutFiscalYear(p),
      status: p.status,
      attempt: p.paymentAttempt,
      paymentId: p.paymentId,
      payee: p.payee,
      part: payout.payablePartOf(p),
      version: p.version,
      raw: r,
    };
  },
  async run(v, cmd, by, now, withItems, o = {}) {
    const r = v.raw as { payout: payout.InterestPayout; retryAt?: string };
    const t = step(payoutLifecycle, r.payout, cmd, by, now);
    const due =
      cmd.kind === 'settle'
        ? (o.retryAt ?? now)
        : cmd.kind === 'correct'
          ? now
          : (r.retryAt ?? now);
    await saveInterestPayout(t.next, t.events, r.payout.version, { due, with: withItems });
    return t.next;
  },
});

export const ADAPTERS: Record<PayableKind, PayableAdapter> = {
  grant: grants,
  application: applications,
  loan_interest: interest,
};

/** The applicant's notice for an application transition, through the application side's outbox. */
export function applicationOutbox(
  next: app.Application,
  events: readonly app.ApplicationEvent[],
  at: string,
) {
  const notice = noticeFor(events);
  return notice
    ? [
        outboxItem({
          subjectId: next.subjectId,
          aggregate: { kind: 'application', id: next.id, version: next.version },
          notice,
          createdAt: at,
        }),
      ]
    : [];
}
