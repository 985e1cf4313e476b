/**
 * The three kinds of item money is paid for — a 免申即享 grant, an approved application,
 * a quarter's 贴息 — seen through one port, so disburse and reconciliation are written
 * once. Each adapter runs its own lifecycle's pure transition and saves the item together
 * with whatever must move with it (payment, ledger) in one transaction.
 */
import type { SystemActor } from '../../shared/actor';
import type { Instant } from '../../shared/calendar';
import type { ApplicationId, GrantId, PaymentId, PolicyId, SubjectId } from '../../shared/ids';
import * as app from '../../shared/lifecycle/application';
import { noticeFor } from '../../shared/lifecycle/application-notices';
import { outboxItem } from '../repositories/outbox';
import * as grant from '../../shared/lifecycle/grant';
import * as payout from '../../shared/lifecycle/interest-payout';
import type { Payee } from '../../shared/lifecycle/grant';
import type { Fen } from '../../shared/money';
import type { PayableKind } from '../../shared/payment';
import { findApplication, saveApplication } from '../repositories/applications';
import { grantOutbox } from './grant-notices';
import { findGrantRecord, payeeOnFile, saveGrant } from '../repositories/grants';
import { findInterestPayout, saveInterestPayout } from '../repositories/loans';
import type { SaveAggregate } from '../repositories/table';

export type WithItems = NonNullable<SaveAggregate<{ version: number }>['with']>;

export interface PayableView {
  kind: PayableKind;
  id: string;
  policyId: PolicyId;
  subjectId: SubjectId;
  amountFen: Fen;
  /** payable | paying | paid | payment_failed | returned | (anything else: not ours to pay) */
  status: string;
  attempt: number;
  paymentId?: PaymentId;
  payee?: Payee;
  version: number;
  raw: unknown;
}

export type Settlement = { kind: 'paid'; paymentId: PaymentId } | { kind: 'failed' | 'returned'; paymentId: PaymentId; reason: string };

export interface PayableAdapter {
  kind: PayableKind;
  load(id: string): Promise<PayableView | undefined>;
  /** item → paying with this payment, the payment's creation in `withItems` */
  start(v: PayableView, paymentId: PaymentId, by: SystemActor, now: Instant, withItems: WithItems): Promise<void>;
  /** item paying → paid / failed / returned, with the payment's move and ledger in `withItems` */
  settle(v: PayableView, s: Settlement, by: SystemActor, now: Instant, withItems: WithItems, retryAt?: string): Promise<void>;
}

export const STARTABLE = ['payable', 'payment_failed', 'returned'];

const grants: PayableAdapter = {
  kind: 'grant',
  async load(id) {
    const r = await findGrantRecord(id as GrantId);
    if (!r) return undefined;
    const g = r.grant;
    return { kind: 'grant', id, policyId: g.policyId, subjectId: g.subjectId, amountFen: g.amountFen, status: g.status, attempt: g.paymentAttempt, paymentId: g.paymentId, payee: g.payee, version: g.version, raw: g };
  },
  async start(v, paymentId, by, now, withItems) {
    const g = v.raw as grant.Grant;
    const t = g.status === 'returned' ? grant.reissue(g, { paymentId }, by, now) : grant.disburse(g, { paymentId }, by, now);
    await saveGrant(t.next, t.events, g.version, { with: withItems, now });
  },
  async settle(v, s, by, now, withItems, retryAt) {
    const g = v.raw as grant.Grant;
    const t = grant.settle(g, s, by, now);
    await saveGrant(t.next, t.events, g.version, { with: [...withItems, ...grantOutbox(t.next, t.events, now)], retryAt, now });
  },
};

const applications: PayableAdapter = {
  kind: 'application',
  async load(id) {
    const a = await findApplication(id as ApplicationId);
    if (!a) return undefined;
    // Applications carry no account: the subject's account on file is paid (confirmed on a grant or at binding).
    const payee = ['payable', 'payment_failed'].includes(a.status) ? await payeeOnFile(a.subjectId) : undefined;
    return {
      kind: 'application', id, policyId: a.policyId, subjectId: a.subjectId, amountFen: (a.approvedFen ?? 0) as Fen,
      status: a.status, attempt: a.paymentAttempt, paymentId: a.paymentId, payee, version: a.version, raw: a,
    };
  },
  async start(v, paymentId, by, now, withItems) {
    const a = v.raw as app.Application;
    const t = app.disburse(a, { paymentId, payee: v.payee }, by, now);
    await saveApplication(t.next, t.events, a.version, withItems);
  },
  async settle(v, s, by, now, withItems) {
    const a = v.raw as app.Application;
    // The application lifecycle has no 退票 state: a returned payment is a failed one, retried (补发) the same way.
    const outcome: app.SettlementOutcome = s.kind === 'paid' ? s : { kind: 'failed', paymentId: s.paymentId, reason: s.kind === 'returned' ? `退票：${s.reason}` : s.reason };
    const t = app.settle(a, outcome, by, now);
    await saveApplication(t.next, t.events, a.version, [...withItems, ...applicationOutbox(t.next, t.events, now)]);
  },
};

const interest: PayableAdapter = {
  kind: 'loan_interest',
  async load(id) {
    const r = await findInterestPayout(id);
    if (!r) return undefined;
    const p = r.payout;
    return { kind: 'loan_interest', id, policyId: p.policyId, subjectId: p.subjectId, amountFen: p.amountFen, status: p.status, attempt: p.paymentAttempt, paymentId: p.paymentId, payee: p.payee, version: p.version, raw: p };
  },
  async start(v, paymentId, by, now, withItems) {
    const p = v.raw as payout.InterestPayout;
    const t = payout.disbursePayout(p, { paymentId }, by, now);
    await saveInterestPayout(t.next, t.events, p.version, { due: now, with: withItems });
  },
  async settle(v, s, by, now, withItems, retryAt) {
    const p = v.raw as payout.InterestPayout;
    const t = payout.settlePayout(p, s, by, now);
    await saveInterestPayout(t.next, t.events, p.version, { due: retryAt ?? now, with: withItems });
  },
};

export const ADAPTERS: Record<PayableKind, PayableAdapter> = { grant: grants, application: applications, loan_interest: interest };

/** The applicant's notice for an application transition, through the application side's outbox. */
export function applicationOutbox(next: app.Application, events: readonly app.ApplicationEvent[], at: string) {
  const notice = noticeFor(events);
  return notice ? [outboxItem({ subjectId: next.subjectId, aggregate: { kind: 'application', id: next.id, version: next.version }, notice, createdAt: at })] : [];
}
