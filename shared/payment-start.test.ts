/**
 * When a payment may start and what a treasury answer does (issue #15: both were decided in
 * functions/services/disburse.ts), and which items a 支付批次 takes (functions/services/payment-batches.ts).
 */
import { instant } from './calendar';
import type { PolicyId, SubjectId, UserId } from './ids';
import {
  AUTO_HOLD_REASON,
  MAX_PAYMENT_ATTEMPTS,
  startDecision,
  type PayablePart,
} from './lifecycle/payable';
import {
  batchItemOf,
  batchPayeeName,
  isBatchable,
  requireSignoffPolicy,
  requiresSignoff,
} from './lifecycle/payment-batch';
import { fen } from './money';
import { answerEffect, applyOutcome, newPayment, postponeCheck, type Payment } from './payment';
import { DomainError } from './errors';

const T = instant('2026-03-02T01:00:00Z');
const PAYEE = {
  accountName: '王小明',
  bankName: '中国农业银行高台县支行',
  accountNumber: '6228480123456780014',
};
const part = (over: Partial<PayablePart> = {}): PayablePart => ({
  status: 'payable',
  amountFen: fen(500_000),
  payee: PAYEE,
  paymentAttempt: 0,
  ...over,
});

const decision = (p: PayablePart | undefined) => startDecision(p, p?.payee);

describe('startDecision', () => {
  it('a payable item with an account starts its next attempt', () => {
    expect(decision(part({ paymentAttempt: 2, status: 'payment_failed' }))).toEqual({
      kind: 'start',
      payee: PAYEE,
      attempt: 3,
    });
  });

  it('no account: parked; the retry budget spent: held for an operator', () => {
    expect(decision(part({ payee: undefined }))).toEqual({ kind: 'park' });
    expect(decision(part({ status: 'returned', paymentAttempt: MAX_PAYMENT_ATTEMPTS }))).toEqual({
      kind: 'hold',
      reason: AUTO_HOLD_REASON,
    });
    // a release moves the floor up: the budget counts again from there
    expect(
      decision(part({ paymentAttempt: MAX_PAYMENT_ATTEMPTS, attemptFloor: MAX_PAYMENT_ATTEMPTS }))
        .kind,
    ).toBe('start');
  });

  it('an item that moved on (or is not in the money part) is skipped', () => {
    for (const status of ['paying', 'paid', 'on_hold', 'awaiting_account', 'cancelled'] as const)
      expect(decision(part({ status })).kind).toBe('skip');
    expect(decision(undefined)).toEqual({ kind: 'skip' });
    // the item's part has an account but the view offers none to pay to
    expect(startDecision(part(), undefined).kind).toBe('skip');
  });
});

describe('answerEffect / postponeCheck', () => {
  const pending = (): Payment =>
    newPayment(
      {
        itemKind: 'application',
        itemId: 'app_1',
        attempt: 2,
        policyId: 'pol_startup-grant' as PolicyId,
        subjectId: 'sub_1' as SubjectId,
        amountFen: fen(500_000),
        payee: PAYEE,
      },
      T,
    ).next;

  const settled = (p: Payment): Payment => {
    const moved = applyOutcome(p, { status: 'paid' }, T);
    if (!moved) throw new Error('expected a move');
    return moved.next;
  };

  it('processing: the payment moves and is checked again later; the item does not', () => {
    const e = answerEffect(pending(), { status: 'processing' }, T);
    expect(e.kind).toBe('in_transit');
    if (e.kind === 'in_transit') expect(e.checkAt > T).toBe(true);
  });

  it('paid settles the item with no retry; failed and returned settle it due again later', () => {
    const paid = answerEffect(pending(), { status: 'paid' }, T);
    expect(paid).toMatchObject({ kind: 'settle', settlement: { kind: 'paid' } });
    expect('retryAt' in paid).toBe(false);
    const failed = answerEffect(pending(), { status: 'failed', reason: '户名不符' }, T);
    expect(failed).toMatchObject({
      kind: 'settle',
      settlement: { kind: 'failed', reason: '户名不符', paymentId: pending().id },
    });
    if (failed.kind === 'settle') expect((failed.retryAt ?? T) > T).toBe(true);
    expect(answerEffect(pending(), { status: 'returned', reason: '账户已销户' }, T)).toMatchObject({
      kind: 'settle',
      settlement: { kind: 'returned' },
    });
  });

  it('the same answer twice changes nothing; a contradicting one on a closed payment is recorded, not applied', () => {
    const paid = settled(pending());
    expect(answerEffect(paid, { status: 'paid' }, T)).toEqual({ kind: 'unchanged' });
    const late = answerEffect(paid, { status: 'returned', reason: '退票' }, T);
    expect(late).toMatchObject({ kind: 'late', next: { status: 'paid', lateAnswers: 1 } });
  });

  it('applyOutcome refuses a closed payment with a stable reason', () => {
    const paid = settled(pending());
    try {
      applyOutcome(paid, { status: 'failed', reason: 'x' }, T);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toMatchObject({ reason: 'PAYMENT_CLOSED' });
    }
  });

  it('postponeCheck moves an open payment later and leaves a closed one alone', () => {
    const p = pending();
    expect(postponeCheck(p, T)).toMatchObject({ next: { checks: 1, version: p.version + 1 } });
    expect(postponeCheck(settled(p), T)).toBeUndefined();
  });
});

describe('支付批次: which items, and how they are listed', () => {
  const item = {
    kind: 'application' as const,
    id: 'app_1',
    amountFen: fen(500_000),
    status: 'payable',
    payee: PAYEE,
  };

  it('only payable items with an account and an amount go into a batch', () => {
    expect(isBatchable(item)).toBe(true);
    expect(isBatchable({ ...item, status: 'payment_failed' })).toBe(false);
    expect(isBatchable({ ...item, payee: undefined })).toBe(false);
    expect(isBatchable({ ...item, amountFen: fen(0) })).toBe(false);
    expect(batchItemOf({ ...item, status: 'paying' }, 'person', [])).toBeUndefined();
  });

  it("a person's name is masked to the surname, an enterprise's shown in full; the account masked", () => {
    const deciders = ['usr_1' as UserId];
    expect(batchItemOf(item, 'person', deciders)).toEqual({
      kind: 'application',
      id: 'app_1',
      amountFen: 500_000,
      payeeName: '王**',
      accountMasked: '****0014',
      bankName: PAYEE.bankName,
      deciders,
    });
    expect(batchPayeeName('惠民商贸有限公司', 'enterprise')).toBe('惠民商贸有限公司');
    expect(batchPayeeName('李', 'person')).toBe('李*');
  });

  it('sign-off is needed only where the policy says so; a batch for another policy is refused by reason', () => {
    expect([
      requiresSignoff({ financeSignoff: true }),
      requiresSignoff({}),
      requiresSignoff(undefined),
    ]).toEqual([true, false, false]);
    try {
      requireSignoffPolicy({ id: 'startup-grant' });
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({ reason: 'NO_SIGNOFF_REQUIRED' });
    }
  });
});
