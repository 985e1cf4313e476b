import { DomainError } from '../errors';
import type { ObjectionId, PaymentId } from '../ids';
import { fen, yuan } from '../money';
import {
  GRANT_STATUSES,
  GRANT_STATUS_LABELS,
  type DetectInput,
  type Grant,
  cancel,
  closePublicity,
  confirmAccount,
  detectGrant,
  disburse,
  grantIdFor,
  raiseObjection,
  raisePublicObjection,
  reissue,
  resolveObjection,
  settle,
} from './grant';
import {
  POLICY,
  SUBJECT,
  T0,
  admin,
  applicant,
  at,
  finance1,
  hrss1,
  stranger,
  system,
} from './testing';

const PAYEE = {
  accountName: '双福粮油公司',
  bankName: '农业银行高台支行',
  accountNumber: '6228480012345678',
};
const INPUT: DetectInput = {
  policyId: POLICY,
  policyVersion: 1,
  subjectId: SUBJECT,
  period: '2020',
  department: 'hrss',
  amountFen: yuan(2_000),
  capFen: yuan(20_000),
  publicityDays: 5,
};
const AFTER = at('2026-03-08T00:00:00Z');
const PAY1 = 'pay_000001' as PaymentId;
const PAY2 = 'pay_000002' as PaymentId;
const autoGrant = system('auto-grant');

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'OK';
}

const payable = (): Grant =>
  closePublicity(
    detectGrant({ ...INPUT, payee: PAYEE }, autoGrant, T0).next,
    system('close-publicity'),
    AFTER,
  ).next;

describe('grant (免申即享)', () => {
  it('asks for an account when none is on file, then runs 公示', () => {
    const t = detectGrant(INPUT, autoGrant, T0);
    expect(t.next).toMatchObject({
      id: grantIdFor(POLICY, SUBJECT, '2020'),
      status: 'awaiting_confirmation',
      version: 1,
    });
    expect(t.events.map((e) => e.type)).toEqual(['GrantDetected', 'ConfirmationRequested']);
    const c = confirmAccount(
      t.next,
      { payee: { ...PAYEE, accountNumber: '6228 4800 1234 5678' } },
      applicant,
      T0,
    );
    expect(c.next).toMatchObject({ status: 'publicity', payee: PAYEE, version: 2 });
  });

  it('goes straight to 公示 with an account on file, then pays once', () => {
    const t = detectGrant({ ...INPUT, payee: PAYEE }, autoGrant, T0);
    expect(t.next.status).toBe('publicity');
    let g = closePublicity(t.next, system('close-publicity'), AFTER).next;
    g = disburse(g, { paymentId: PAY1 }, system(), AFTER).next;
    const paid = settle(g, { kind: 'paid', paymentId: PAY1 }, system('reconcile'), AFTER);
    expect(paid.next.status).toBe('paid');
    expect(paid.events[0]).toMatchObject({ type: 'PaymentSettled', amountFen: 200_000 });
    expect(
      code(() => settle(paid.next, { kind: 'paid', paymentId: PAY1 }, system('reconcile'), AFTER)),
    ).toBe('WRONG_STATE');
  });

  it('derives the same id on a rerun, so storage refuses a second grant', () => {
    expect(detectGrant(INPUT, autoGrant, T0).next.id).toBe(
      detectGrant(INPUT, autoGrant, AFTER).next.id,
    );
    expect(grantIdFor(POLICY, SUBJECT, '2021')).not.toBe(grantIdFor(POLICY, SUBJECT, '2020'));
  });

  it('退票 → account corrected → 补发', () => {
    let g = disburse(payable(), { paymentId: PAY1 }, system(), AFTER).next;
    g = settle(
      g,
      { kind: 'returned', paymentId: PAY1, reason: '户名不符' },
      system('reconcile'),
      AFTER,
    ).next;
    expect(g).toMatchObject({ status: 'returned', paymentFailure: '户名不符' });
    g = confirmAccount(
      g,
      { payee: { ...PAYEE, accountName: '双福粮油有限公司' } },
      applicant,
      AFTER,
    ).next;
    expect(g.status).toBe('returned');
    const r = reissue(g, { paymentId: PAY2 }, admin, AFTER);
    expect(r.next).toMatchObject({ status: 'paying', paymentAttempt: 2, paymentId: PAY2 });
    expect(r.events[0]?.type).toBe('PaymentReissued');
  });

  it('the account can be changed until payment starts, then it is fixed (issue #17)', () => {
    const other = { ...PAYEE, accountNumber: '6228 4800 1234 5678' };
    const inPublicity = detectGrant({ ...INPUT, payee: PAYEE }, autoGrant, T0).next;
    const changed = confirmAccount(inPublicity, { payee: other }, applicant, T0);
    expect(changed.next).toMatchObject({ status: 'publicity', version: 2 });
    expect(changed.next.payee?.accountNumber).toBe('6228480012345678');
    expect(changed.events.map((e) => e.type)).toEqual(['PayeeUpdated']);
    expect(confirmAccount(payable(), { payee: other }, applicant, AFTER).next.status).toBe(
      'payable',
    );
    expect(
      code(() => confirmAccount(payable(), { payee: other, inBatch: true }, applicant, AFTER)),
    ).toBe('WRONG_STATE');
    const paying = disburse(payable(), { paymentId: PAY1 }, system(), AFTER).next;
    try {
      confirmAccount(paying, { payee: other }, applicant, AFTER);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toMatchObject({ code: 'WRONG_STATE', details: { reason: 'ACCOUNT_LOCKED' } });
    }
  });

  it('refuses: wrong role, other subject, over cap, wrong state, reason missing', () => {
    expect(code(() => detectGrant(INPUT, admin, T0))).toBe('FORBIDDEN');
    expect(
      code(() => detectGrant({ ...INPUT, amountFen: fen(INPUT.capFen + 1) }, autoGrant, T0)),
    ).toBe('OVER_CAP');
    const waiting = detectGrant(INPUT, autoGrant, T0).next;
    expect(code(() => confirmAccount(waiting, { payee: PAYEE }, stranger, T0))).toBe('FORBIDDEN');
    expect(
      code(() =>
        confirmAccount(waiting, { payee: { ...PAYEE, accountNumber: '12ab' } }, applicant, T0),
      ),
    ).toBe('INVALID_INPUT');
    expect(code(() => disburse(waiting, { paymentId: PAY1 }, system(), T0))).toBe('WRONG_STATE');
    expect(code(() => cancel(waiting, { reason: '' }, admin, T0))).toBe('INVALID_INPUT');
    expect(cancel(waiting, { reason: '逾期未确认账户' }, admin, T0).next.status).toBe('cancelled');
  });

  it('issue 14: a public objection (no account) is counted, recorded by the public channel, and holds 公示 until ruled', () => {
    const OBJ = 'obj_000009' as ObjectionId;
    const inPublicity = detectGrant({ ...INPUT, payee: PAYEE }, autoGrant, T0).next;
    const objector = { ref: 'phone:abc' as const, phoneMasked: '139****5678' };
    const t = raisePublicObjection(
      inPublicity,
      { objectionId: OBJ, text: '请核查', priorByObjector: 0 },
      objector,
      T0,
    );
    expect(t.next).toMatchObject({ objectionsRaised: 1, objectionsOpen: 1 });
    expect(t.objection).toMatchObject({
      raisedBy: 'phone:abc',
      channel: 'public',
      contactMasked: '139****5678',
    });
    expect(t.events[0]?.by).toEqual({ kind: 'system', job: 'public-objection' });
    expect(code(() => closePublicity(t.next, system('close-publicity'), AFTER))).toBe(
      'WRONG_STATE',
    );
    const cmd = { objectionId: OBJ, text: '请核查', priorByObjector: 0 };
    expect(code(() => raisePublicObjection(inPublicity, cmd, objector, AFTER))).toBe('WRONG_STATE');
    expect(
      code(() => raisePublicObjection(inPublicity, { ...cmd, priorByObjector: 3 }, objector, T0)),
    ).toBe('WRONG_STATE');
    const ruled = resolveObjection(
      t.next,
      t.objection,
      { objectionId: OBJ, upheld: false, note: '不成立' },
      hrss1,
      T0,
    );
    expect(closePublicity(ruled.next, system('close-publicity'), AFTER).next.status).toBe(
      'payable',
    );
  });

  it('objections: other department refused; upheld cancels', () => {
    const OBJ = 'obj_000001' as ObjectionId;
    const inPublicity = detectGrant({ ...INPUT, payee: PAYEE }, autoGrant, T0).next;
    const t = raiseObjection(
      inPublicity,
      { objectionId: OBJ, text: '该员工已离职', priorByObjector: 0 },
      stranger,
      T0,
    );
    expect(t.next).toMatchObject({ objectionsRaised: 1, objectionsOpen: 1 });
    expect(code(() => closePublicity(t.next, system('close-publicity'), AFTER))).toBe(
      'WRONG_STATE',
    );
    expect(
      code(() =>
        raiseObjection(
          inPublicity,
          { objectionId: OBJ, text: '再次', priorByObjector: 3 },
          stranger,
          T0,
        ),
      ),
    ).toBe('WRONG_STATE');
    expect(
      code(() =>
        resolveObjection(
          t.next,
          t.objection,
          { objectionId: OBJ, upheld: true, note: '属实' },
          finance1,
          T0,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(() =>
        resolveObjection(
          t.next,
          t.objection,
          { objectionId: OBJ, upheld: true, note: '属实' },
          { ...hrss1, userId: stranger.userId },
          T0,
        ),
      ),
    ).toBe('FORBIDDEN');
    const upheld = resolveObjection(
      t.next,
      t.objection,
      { objectionId: OBJ, upheld: true, note: '属实' },
      hrss1,
      T0,
    );
    expect(upheld.next).toMatchObject({ status: 'cancelled', objectionsOpen: 0 });
    expect(upheld.objection.resolution).toMatchObject({ upheld: true, by: hrss1.userId });
  });

  it('labels every status in Chinese', () => {
    for (const s of GRANT_STATUSES) expect(GRANT_STATUS_LABELS[s]).toMatch(/\p{Script=Han}/u);
  });
});
