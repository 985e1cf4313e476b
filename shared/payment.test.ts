import { instant } from './calendar';
import type { PolicyId, SubjectId } from './ids';
import { fen } from './money';
import { applyOutcome, newPayment, nextCheckAt, paymentIdFor, retryAt } from './payment';

const T = instant('2026-03-02T01:00:00Z');
const created = () =>
  newPayment(
    {
      itemKind: 'grant',
      itemId: 'grt_pol_hire-local~sub_1~2020',
      attempt: 1,
      policyId: 'pol_hire-local' as PolicyId,
      subjectId: 'sub_1' as SubjectId,
      amountFen: fen(100_000),
      payee: { accountName: 'a', bankName: 'b', accountNumber: '6222000011112222' },
    },
    T,
  ).next;

describe('payment', () => {
  it('one id and one idempotency key per (item, attempt)', () => {
    const p = created();
    expect(p.id).toBe(paymentIdFor('grt_pol_hire-local~sub_1~2020', 1));
    expect(p.idempotencyKey).toBe('grt_pol_hire-local~sub_1~2020:1');
    expect(paymentIdFor('x', 1)).not.toBe(paymentIdFor('x', 2));
  });

  it('pending → paying → paid; a repeated answer changes nothing', () => {
    const paying = applyOutcome(created(), { status: 'processing' }, T)!.next;
    expect(paying.status).toBe('paying');
    expect(applyOutcome(paying, { status: 'processing' }, T)).toBeUndefined();
    const paid = applyOutcome(paying, { status: 'paid', treasuryRef: 'TR1' }, T)!;
    expect(paid.next).toMatchObject({ status: 'paid', treasuryRef: 'TR1', settledAt: T });
    expect(paid.events[0]).toMatchObject({ type: 'PaymentPaid', from: 'paying', to: 'paid' });
    expect(applyOutcome(paid.next, { status: 'paid' }, T)).toBeUndefined();
  });

  it('a closed payment never changes again (a late paid after a 退票 is refused)', () => {
    const returned = applyOutcome(created(), { status: 'returned', reason: '退票' }, T)!.next;
    expect(() => applyOutcome(returned, { status: 'paid' }, T)).toThrow(/已结束/);
  });

  it('backs off checks and retries, capped', () => {
    expect(Date.parse(nextCheckAt({ checks: 0 }, T)) - Date.parse(T)).toBe(60_000);
    expect(Date.parse(nextCheckAt({ checks: 20 }, T)) - Date.parse(T)).toBe(3_600_000);
    expect(Date.parse(retryAt(1, T)) - Date.parse(T)).toBe(15 * 60_000);
    expect(Date.parse(retryAt(30, T)) - Date.parse(T)).toBe(24 * 3_600_000);
  });
});
