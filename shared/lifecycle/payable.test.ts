import fc from 'fast-check';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import type { PaymentId } from '../ids';
import { fen } from '../money';
import { terminalStatuses } from './common';
import {
  attemptsUsed,
  cancel,
  cannotStart,
  correctAccount,
  hold,
  MAX_PAYMENT_ATTEMPTS,
  PAYABLE_STATUSES,
  PAYABLE_TRANSITIONS,
  parkForAccount,
  provideAccount,
  release,
  settlePayment,
  startPayment,
  type PayablePart,
  type PayableStep,
} from './payable';
import { APPLICATION_TRANSITIONS } from './application';
import { GRANT_TRANSITIONS } from './grant';
import { PAYEE, T0, admin, applicant, hrss1, system } from './testing';

const pid = (n: number) => `pay_${String(n).padStart(6, '0')}` as PaymentId;
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return `${e.code}${(e.details as { reason?: string } | undefined)?.reason ? `:${(e.details as { reason: string }).reason}` : ''}`;
    throw e;
  }
  return 'ok';
};
const apply = (p: PayablePart, s: PayableStep): PayablePart => ({ ...p, ...s.patch });
const item = (o: Partial<PayablePart> = {}): PayablePart => ({
  status: 'payable',
  amountFen: fen(100_000),
  payee: PAYEE,
  paymentAttempt: 0,
  ...o,
});

describe('payable sub-lifecycle', () => {
  it('an item without an account cannot start: it is parked, and the payee giving one makes it payable', () => {
    const noAccount = item({ payee: undefined });
    expect(cannotStart(noAccount)).toBe('no_payee');
    expect(code(() => startPayment(noAccount, { paymentId: pid(1) }, system()))).toBe(
      'WRONG_STATE:NO_PAYEE',
    );
    const parked = parkForAccount(noAccount, system());
    expect(parked.drafts).toEqual([
      { type: 'AccountRequested', from: 'payable', to: 'awaiting_account' },
    ]);
    const waiting = apply(noAccount, parked);
    expect(cannotStart(waiting)).toBe('not_startable');
    expect(
      code(() => provideAccount(waiting, { payee: { ...PAYEE, accountNumber: '12ab' } })),
    ).toBe('INVALID_INPUT');
    const given = provideAccount(waiting, {
      payee: { ...PAYEE, accountNumber: '6228 4800 1234 5678' },
    });
    expect(given.patch).toMatchObject({
      status: 'payable',
      payee: { accountNumber: '6228480012345678' },
    });
    expect(cannotStart(apply(waiting, given))).toBeUndefined();
  });

  it(`after ${MAX_PAYMENT_ATTEMPTS} failed attempts the item is on hold in the same step, and only a release gives a fresh budget`, () => {
    let p = item();
    for (let n = 1; n <= MAX_PAYMENT_ATTEMPTS; n++) {
      p = apply(p, startPayment(p, { paymentId: pid(n) }, system()));
      const failed = settlePayment(
        p,
        { kind: n % 2 ? 'failed' : 'returned', paymentId: pid(n), reason: '账户冻结' },
        system('reconcile'),
        T0,
      );
      p = apply(p, failed);
      if (n < MAX_PAYMENT_ATTEMPTS) expect(p.status).toBe(n % 2 ? 'payment_failed' : 'returned');
      else expect(failed.drafts.map((d) => d.type)).toEqual(['PaymentFailed', 'PaymentHeld']);
    }
    expect(p).toMatchObject({ status: 'on_hold', paymentAttempt: MAX_PAYMENT_ATTEMPTS });
    expect(code(() => startPayment(p, { paymentId: pid(9) }, system()))).toBe('WRONG_STATE');
    expect(code(() => release(p, { reason: '' }, admin))).toBe('INVALID_INPUT');
    expect(code(() => release(p, { reason: '已核实' }, system()))).toBe('FORBIDDEN:NOT_ADMIN');
    p = apply(p, release(p, { reason: '已核实账户' }, admin));
    expect(p.status).toBe('payable');
    expect(attemptsUsed(p)).toBe(0);
    expect(startPayment(p, { paymentId: pid(6) }, system()).drafts[0]).toMatchObject({
      type: 'PaymentRequested',
      attempt: 6,
    });
  });

  it('operators act with a reason; money in flight is never held or cancelled; the payee cannot release a hold', () => {
    const paying = apply(item(), startPayment(item(), { paymentId: pid(1) }, system()));
    expect(code(() => hold(paying, { reason: '核查' }, admin))).toBe('WRONG_STATE');
    expect(code(() => cancel(paying, { reason: '放弃' }, admin))).toBe('WRONG_STATE');
    expect(code(() => hold(item(), { reason: ' ' }, admin))).toBe('INVALID_INPUT');
    expect(code(() => cancel(item(), { reason: '放弃' }, hrss1))).toBe('FORBIDDEN:NOT_ADMIN');
    expect(code(() => cancel(item(), { reason: '放弃' }, applicant))).toBe('FORBIDDEN:NOT_ADMIN');
    const held = apply(item(), hold(item(), { reason: '疑似重复领取' }, admin));
    expect(held).toMatchObject({ status: 'on_hold', holdReason: '疑似重复领取' });
    expect(apply(held, provideAccount(held, { payee: PAYEE })).status).toBe('on_hold');
    expect(cancel(held, { reason: '核实为重复领取' }, admin).drafts).toEqual([
      { type: 'PayableCancelled', from: 'on_hold', to: 'cancelled', reason: '核实为重复领取' },
    ]);
    const corrected = correctAccount(held, { payee: PAYEE, reason: '开户行更正' }, admin);
    expect(corrected.patch).toMatchObject({ status: 'payable', attemptFloor: 0 });
  });

  it('every edge a host may take from a payable state is in the host table', () => {
    for (const [from, tos] of Object.entries(PAYABLE_TRANSITIONS)) {
      for (const to of tos) {
        expect(GRANT_TRANSITIONS[from as keyof typeof GRANT_TRANSITIONS]).toContain(to);
        // applications settle a 退票 as payment_failed: their `returned` is 退回补正
        if (from !== 'returned' && to !== 'returned')
          expect(APPLICATION_TRANSITIONS[from as keyof typeof APPLICATION_TRANSITIONS]).toContain(
            to,
          );
      }
    }
  });

  it('random operator and schedule steps: every edge in the table, paid at most once, terminal stays terminal', () => {
    const actors: Actor[] = [system(), system('reconcile'), admin, applicant, hrss1];
    const terminal = new Set(terminalStatuses(PAYABLE_TRANSITIONS));
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(9), fc.nat(4), fc.boolean()), { maxLength: 60 }),
        (hasPayee, steps) => {
          let p = item({ payee: hasPayee ? PAYEE : undefined });
          let paid = 0;
          steps.forEach(([cmd, a, flag], n) => {
            const by = actors[a] as Actor;
            let s: PayableStep;
            try {
              switch (cmd) {
                case 0:
                  s = startPayment(p, { paymentId: pid(n) }, by);
                  break;
                case 1:
                  s = settlePayment(p, { kind: 'paid', paymentId: p.paymentId ?? pid(0) }, by, T0);
                  break;
                case 2:
                  s = settlePayment(
                    p,
                    {
                      kind: flag ? 'failed' : 'returned',
                      paymentId: p.paymentId ?? pid(0),
                      reason: '冻结',
                    },
                    by,
                    T0,
                  );
                  break;
                case 3:
                  s = parkForAccount(p, by);
                  break;
                case 4:
                  s = provideAccount(p, { payee: PAYEE });
                  break;
                case 5:
                  s = hold(p, { reason: flag ? '核查' : '' }, by);
                  break;
                case 6:
                  s = release(p, { reason: flag ? '核查完毕' : '' }, by);
                  break;
                case 7:
                  s = cancel(p, { reason: flag ? '放弃' : '' }, by);
                  break;
                case 8:
                  s = correctAccount(p, { payee: PAYEE, reason: flag ? '更正' : '' }, by);
                  break;
                default:
                  s = startPayment(p, { paymentId: pid(n) }, system());
                  break;
              }
            } catch (e) {
              if (!(e instanceof DomainError)) throw e;
              return;
            }
            expect(terminal.has(p.status)).toBe(false);
            let at: string = p.status;
            for (const d of s.drafts) {
              if (!('to' in d) || d.to === undefined) continue;
              expect(d.from).toBe(at);
              expect(PAYABLE_TRANSITIONS[at as keyof typeof PAYABLE_TRANSITIONS]).toContain(d.to);
              at = d.to;
            }
            p = apply(p, s);
            expect(at).toBe(p.status);
            paid += s.drafts.filter((d) => d.type === 'PaymentSettled').length;
            seen.add(p.status);
          });
          expect(paid).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 400, seed: 20261128 },
    );
    expect(seen.size).toBe(PAYABLE_STATUSES.length);
  });
});
