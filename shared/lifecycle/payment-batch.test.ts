import type { ReviewerActor } from '../actor';
import { DomainError } from '../errors';
import type { PaymentBatchId, PolicyId, UserId } from '../ids';
import { fen } from '../money';
import { isAllowedEdge } from './common';
import {
  approveBatch,
  canDecide,
  createBatch,
  MAX_BATCH_ITEMS,
  PAYMENT_BATCH_TRANSITIONS,
  rejectBatch,
  type BatchItem,
} from './payment-batch';
import { T0, admin, applicant, finance1, hrss2, system } from './testing';

const finance2: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000022' as UserId,
  department: 'finance',
  level: 2,
};
const otherFinance2: ReviewerActor = {
  kind: 'reviewer',
  userId: 'usr_000023' as UserId,
  department: 'finance',
  level: 2,
};
const item = (n: number, deciders: UserId[] = []): BatchItem => ({
  kind: 'application',
  id: `app_${n}`,
  amountFen: fen(1_000 * n),
  payeeName: '企业',
  accountMasked: '****1234',
  bankName: '农业银行',
  deciders,
});
const input = {
  id: 'bat_1' as PaymentBatchId,
  policyId: 'pol_rent-waiver-state' as PolicyId,
  items: [item(1, [finance2.userId]), item(2)],
};
const failure = (f: () => unknown): { code: string; reason?: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return { code: e.code, reason: (e.details as { reason?: string } | undefined)?.reason };
    throw e;
  }
  return { code: 'ok' };
};

describe('支付批次 lifecycle', () => {
  it('an admin creates it with the sum of its items; nothing to batch, duplicates and oversize are refused', () => {
    const t = createBatch(input, admin, T0);
    expect(t.next).toMatchObject({
      status: 'pending_approval',
      totalFen: 3_000,
      version: 1,
      createdBy: admin.userId,
    });
    expect(t.events).toEqual([
      expect.objectContaining({
        type: 'PaymentBatchCreated',
        from: null,
        to: 'pending_approval',
        itemCount: 2,
        totalFen: 3_000,
        version: 1,
      }),
    ]);
    for (const by of [applicant, finance2, system()])
      expect(failure(() => createBatch(input, by, T0)).code).toBe('FORBIDDEN');
    expect(failure(() => createBatch({ ...input, items: [] }, admin, T0))).toEqual({
      code: 'NOT_ELIGIBLE',
      reason: 'NOTHING_TO_BATCH',
    });
    expect(
      failure(() => createBatch({ ...input, items: [item(1), item(1)] }, admin, T0)).reason,
    ).toBe('DUPLICATE_ITEM');
    const many = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => item(i + 1));
    expect(failure(() => createBatch({ ...input, items: many }, admin, T0)).reason).toBe(
      'TOO_MANY_ITEMS',
    );
  });

  it('four eyes: a finance L2 reviewer who decided an item cannot approve; another one can', () => {
    const b = createBatch(input, admin, T0).next;
    expect(canDecide(b, finance2)).toBe(false);
    expect(failure(() => approveBatch(b, {}, finance2, T0))).toEqual({
      code: 'FORBIDDEN',
      reason: 'FOUR_EYES',
    });
    expect(canDecide(b, otherFinance2)).toBe(true);
    const t = approveBatch(b, { note: '同意拨付' }, otherFinance2, T0);
    expect(t.next).toMatchObject({
      status: 'approved',
      decidedBy: otherFinance2.userId,
      decisionNote: '同意拨付',
      version: 2,
    });
    expect(t.events[0]).toMatchObject({
      type: 'PaymentBatchApproved',
      from: 'pending_approval',
      to: 'approved',
      note: '同意拨付',
    });
    expect(canDecide(t.next, otherFinance2)).toBe(false);
    expect(failure(() => approveBatch(t.next, {}, otherFinance2, T0)).code).toBe('WRONG_STATE');
  });

  it('only finance level 2 approves or rejects; a rejection needs a reason', () => {
    const b = createBatch(input, admin, T0).next;
    expect(failure(() => approveBatch(b, {}, finance1, T0))).toEqual({
      code: 'FORBIDDEN',
      reason: 'WRONG_LEVEL',
    });
    expect(failure(() => approveBatch(b, {}, hrss2, T0))).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_FINANCE',
    });
    expect(failure(() => approveBatch(b, {}, admin, T0))).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_REVIEWER',
    });
    expect(failure(() => rejectBatch(b, { reason: ' ' }, otherFinance2, T0)).code).toBe(
      'INVALID_INPUT',
    );
    expect(failure(() => rejectBatch(b, { reason: '金额有误' }, applicant, T0)).code).toBe(
      'FORBIDDEN',
    );
    // rejecting pays nothing: even a reviewer who decided an item may send it back
    const t = rejectBatch(b, { reason: '金额有误' }, finance2, T0);
    expect(t.next).toMatchObject({ status: 'rejected', decisionNote: '金额有误' });
    expect(t.events[0]).toMatchObject({
      type: 'PaymentBatchRejected',
      from: 'pending_approval',
      to: 'rejected',
      reason: '金额有误',
    });
    expect(failure(() => approveBatch(t.next, {}, otherFinance2, T0)).code).toBe('WRONG_STATE');
  });

  it('every event follows an edge of the table', () => {
    const b = createBatch(input, admin, T0).next;
    for (const t of [
      approveBatch(b, {}, otherFinance2, T0),
      rejectBatch(b, { reason: '退回' }, otherFinance2, T0),
    ]) {
      for (const e of t.events)
        expect(e.from !== null && isAllowedEdge(PAYMENT_BATCH_TRANSITIONS, e.from, e.to)).toBe(
          true,
        );
    }
  });
});
