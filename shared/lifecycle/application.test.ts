import { addNaturalDaysAt } from '../calendar';
import { DomainError } from '../errors';
import type { ApplicationId, ObjectionId, PaymentId } from '../ids';
import { fen, yuan } from '../money';
import {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  type Application,
  SUPPLEMENT_LAPSED_REASON,
  cancel,
  closePublicity,
  decide,
  draftApplication,
  expireSupplement,
  raiseObjection,
  resolveObjection,
  settle,
  startReview,
  submit,
  supplement,
  withdraw,
  disburse,
} from './application';
import { ALL_MATERIALS, PAYEE, POLICY, SUBJECT, T0, TERMS, admin, applicant, at, finance1, hrss1, hrss2, stranger, system } from './testing';

const ID = 'app_000001' as ApplicationId;
const PAY1 = 'pay_000001' as PaymentId;
const PAY2 = 'pay_000002' as PaymentId;

function draft(terms = TERMS): Application {
  return draftApplication(
    { id: ID, policyId: POLICY, policyVersion: 3, subjectId: SUBJECT, department: 'hrss', terms },
    applicant,
    T0,
  ).next;
}
const submitted = (terms = TERMS) => submit(draft(terms), { materials: ALL_MATERIALS }, applicant, T0).next;

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return `${e.code}${(e.details as { reason?: string } | undefined)?.reason ? `:${(e.details as { reason: string }).reason}` : ''}`;
    throw e;
  }
  return 'OK';
}

describe('application: happy path', () => {
  it('goes draft → … → paid with two review levels, bumping version and emitting events', () => {
    let app = draft();
    expect(app).toMatchObject({ status: 'draft', version: 1 });
    const s = submit(app, { materials: ALL_MATERIALS }, applicant, T0);
    expect(s.next).toMatchObject({ status: 'submitted', version: 2 });
    expect(s.events).toEqual([expect.objectContaining({ type: 'ApplicationSubmitted', from: 'draft', to: 'submitted', version: 2, at: T0, by: applicant })]);

    const l1 = decide(s.next, { kind: 'approve', amountFen: yuan(4_000) }, hrss1, T0);
    expect(l1.events.map((e) => e.type)).toEqual(['ReviewStarted', 'ApplicationDecided']);
    expect(l1.next).toMatchObject({ status: 'review_l2', recommendedFen: 400_000, version: 3 });

    const l2 = decide(l1.next, { kind: 'approve', amountFen: yuan(4_000) }, hrss2, T0);
    expect(l2.events.map((e) => [e.type, 'to' in e ? e.to : null])).toEqual([
      ['ApplicationDecided', 'approved'],
      ['PublicityStarted', 'publicity'],
    ]);
    expect(l2.next).toMatchObject({ status: 'publicity', approvedFen: 400_000, publicityEndsAt: addNaturalDaysAt(T0, 7) });

    const after = at('2026-03-09T01:00:00Z');
    app = closePublicity(l2.next, system('close-publicity'), after).next;
    expect(app.status).toBe('payable');
    app = disburse(app, { paymentId: PAY1, payee: PAYEE }, system(), after).next;
    expect(app).toMatchObject({ status: 'paying', paymentAttempt: 1, paymentId: PAY1 });
    const paid = settle(app, { kind: 'paid', paymentId: PAY1 }, system('reconcile'), after);
    expect(paid.next.status).toBe('paid');
    expect(paid.events).toEqual([expect.objectContaining({ type: 'PaymentSettled', amountFen: 400_000, paymentId: PAY1 })]);
  });

  it('with one level, the level-1 approval is final', () => {
    const app = decide(submitted({ ...TERMS, reviewLevels: 1 }), { kind: 'approve', amountFen: fen(100) }, hrss1, T0).next;
    expect(app.status).toBe('publicity');
  });

  it('retries a failed payment with a new attempt, then cancels another', () => {
    let app: Application = { ...submitted(), status: 'payable', approvedFen: fen(100) };
    app = disburse(app, { paymentId: PAY1, payee: PAYEE }, system(), T0).next;
    app = settle(app, { kind: 'failed', paymentId: PAY1, reason: '账户已销户' }, system('reconcile'), T0).next;
    expect(app).toMatchObject({ status: 'payment_failed', paymentFailure: '账户已销户' });
    const retried = disburse(app, { paymentId: PAY2, payee: PAYEE }, admin, T0).next;
    expect(retried).toMatchObject({ status: 'paying', paymentAttempt: 2, paymentId: PAY2 });
    expect(code(() => settle(retried, { kind: 'paid', paymentId: PAY1 }, system(), T0))).toBe('WRONG_STATE'); // stale attempt
    expect(cancel(app, { reason: '申请人放弃' }, admin, T0).next.status).toBe('cancelled');
  });
});

describe('application: 容缺 and returns', () => {
  const onlyRequired = ALL_MATERIALS.filter((m) => m.code !== 'contracts');

  it('accepts with an optional material missing, with a deadline, and back to submitted on supplement', () => {
    const t = submit(draft(), { materials: onlyRequired }, applicant, T0);
    expect(t.next).toMatchObject({ status: 'pending_supplement', supplementDueAt: addNaturalDaysAt(T0, 10) });
    expect(t.events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'SupplementRequested']);
    expect(code(() => supplement(t.next, { materials: [] }, applicant, T0))).toBe('INVALID_INPUT');
    const s = supplement(t.next, { materials: [{ code: 'contracts', uploadKey: 'up/c2' }] }, applicant, T0);
    expect(s.next).toMatchObject({ status: 'submitted', supplementDueAt: undefined });
  });

  it('refuses to submit without a required material', () => {
    expect(code(() => submit(draft(), { materials: [] }, applicant, T0))).toBe('INVALID_INPUT');
  });

  it('lapses to rejected once the 容缺 deadline passed, and not before', () => {
    const pending = submit(draft(), { materials: onlyRequired }, applicant, T0).next;
    expect(code(() => expireSupplement(pending, system('supplement-expiry'), at('2026-03-05T00:00:00Z')))).toBe('WRONG_STATE');
    const lapsed = expireSupplement(pending, system('supplement-expiry'), at('2026-03-12T01:00:00Z'));
    expect(lapsed.next).toMatchObject({ status: 'rejected', rejectionReason: SUPPLEMENT_LAPSED_REASON });
    expect(lapsed.events[0]?.type).toBe('SupplementLapsed');
  });

  it('returns for correction and resubmits', () => {
    const returned = decide(submitted(), { kind: 'return', note: '花名册缺少社保编号' }, hrss1, T0).next;
    expect(returned).toMatchObject({ status: 'returned', returnNote: '花名册缺少社保编号' });
    expect(supplement(returned, { materials: [{ code: 'roster', uploadKey: 'up/r2' }] }, applicant, T0).next.status).toBe('submitted');
  });

  it('withdraws before a decision, not after', () => {
    expect(withdraw(submitted(), {}, applicant, T0).next.status).toBe('withdrawn');
    const l2 = decide(submitted(), { kind: 'approve', amountFen: fen(100) }, hrss1, T0).next;
    expect(withdraw(l2, { reason: '不再需要' }, applicant, T0).next.status).toBe('withdrawn');
    const published = decide(l2, { kind: 'approve', amountFen: fen(100) }, hrss2, T0).next;
    expect(code(() => withdraw(published, {}, applicant, T0))).toBe('WRONG_STATE');
  });
});

describe('application: refusals', () => {
  it('wrong role and other subject', () => {
    expect(code(() => submit(draft(), { materials: ALL_MATERIALS }, stranger, T0))).toBe('FORBIDDEN:NOT_YOUR_SUBJECT');
    expect(code(() => submit(draft(), { materials: ALL_MATERIALS }, hrss1, T0))).toBe('FORBIDDEN:NOT_APPLICANT');
    expect(code(() => decide(submitted(), { kind: 'approve', amountFen: fen(1) }, applicant, T0))).toBe('FORBIDDEN:NOT_REVIEWER');
    expect(code(() => closePublicity(submitted(), admin, T0))).toBe('FORBIDDEN:NOT_SYSTEM');
  });

  it('other department and wrong level', () => {
    expect(code(() => decide(submitted(), { kind: 'approve', amountFen: fen(1) }, finance1, T0))).toBe('FORBIDDEN:NOT_YOUR_QUEUE');
    expect(code(() => decide(submitted(), { kind: 'approve', amountFen: fen(1) }, hrss2, T0))).toBe('FORBIDDEN:WRONG_LEVEL');
    const l2 = decide(submitted(), { kind: 'approve', amountFen: fen(1) }, hrss1, T0).next;
    expect(code(() => decide(l2, { kind: 'approve', amountFen: fen(1) }, hrss1, T0))).toBe('FORBIDDEN:WRONG_LEVEL');
    expect(code(() => startReview(submitted(), hrss2, T0))).toBe('FORBIDDEN:WRONG_LEVEL');
  });

  it('wrong state', () => {
    expect(code(() => decide(draft(), { kind: 'approve', amountFen: fen(1) }, hrss1, T0))).toBe('WRONG_STATE');
    expect(code(() => disburse(submitted(), { paymentId: PAY1, payee: PAYEE }, system(), T0))).toBe('WRONG_STATE');
    expect(code(() => submit(submitted(), {}, applicant, T0))).toBe('WRONG_STATE');
  });

  it('over cap, on approval and on request', () => {
    expect(code(() => decide(submitted(), { kind: 'approve', amountFen: fen(TERMS.capFen + 1) }, hrss1, T0))).toBe('OVER_CAP');
    expect(code(() => submit(draft(), { materials: ALL_MATERIALS, requestedFen: fen(TERMS.capFen + 1) }, applicant, T0))).toBe('OVER_CAP');
    expect(decide(submitted(), { kind: 'approve', amountFen: TERMS.capFen }, hrss1, T0).next.status).toBe('review_l2');
  });

  it('missing reason or note, and a non-positive amount', () => {
    expect(code(() => decide(submitted(), { kind: 'reject', reason: '  ' }, hrss1, T0))).toBe('INVALID_INPUT');
    expect(code(() => decide(submitted(), { kind: 'return', note: '' }, hrss1, T0))).toBe('INVALID_INPUT');
    expect(code(() => decide(submitted(), { kind: 'approve', amountFen: fen(0) }, hrss1, T0))).toBe('INVALID_INPUT');
    const r = decide(submitted(), { kind: 'reject', reason: '不属于本县劳动力' }, hrss1, T0).next;
    expect(r).toMatchObject({ status: 'rejected', rejectionReason: '不属于本县劳动力' });
  });

  it('pays only once: a second settlement is refused', () => {
    let app: Application = { ...submitted(), status: 'payable', approvedFen: fen(100) };
    app = disburse(app, { paymentId: PAY1, payee: PAYEE }, system(), T0).next;
    app = settle(app, { kind: 'paid', paymentId: PAY1 }, system(), T0).next;
    expect(code(() => settle(app, { kind: 'paid', paymentId: PAY1 }, system(), T0))).toBe('WRONG_STATE');
    expect(code(() => disburse(app, { paymentId: PAY2, payee: PAYEE }, system(), T0))).toBe('WRONG_STATE');
  });
});

describe('application: 公示 objections', () => {
  const published = () =>
    decide(decide(submitted(), { kind: 'approve', amountFen: fen(100) }, hrss1, T0).next, { kind: 'approve', amountFen: fen(100) }, hrss2, T0).next;
  const OBJ = 'obj_000001' as ObjectionId;
  const end = at('2026-03-10T00:00:00Z');

  it('records an objection from anyone; closing waits for its resolution', () => {
    const objected = raiseObjection(published(), { objectionId: OBJ, text: '该企业并未新招用本县人员' }, stranger, T0).next;
    expect(objected.objections).toHaveLength(1);
    expect(code(() => closePublicity(objected, system('close-publicity'), end))).toBe('WRONG_STATE');
    const dismissed = resolveObjection(objected, { objectionId: OBJ, upheld: false, note: '经核查社保记录属实' }, hrss2, end).next;
    expect(closePublicity(dismissed, system('close-publicity'), end).next.status).toBe('payable');
  });

  it('an upheld objection rejects; closing before the end is refused', () => {
    const objected = raiseObjection(published(), { objectionId: OBJ, text: '重复申报' }, applicant, T0).next;
    expect(code(() => resolveObjection(objected, { objectionId: OBJ, upheld: true, note: '属实' }, hrss1, T0))).toBe('FORBIDDEN:WRONG_LEVEL');
    expect(resolveObjection(objected, { objectionId: OBJ, upheld: true, note: '属实' }, hrss2, T0).next).toMatchObject({
      status: 'rejected',
      rejectionReason: '属实',
    });
    expect(code(() => closePublicity(published(), system('close-publicity'), T0))).toBe('WRONG_STATE');
    expect(code(() => raiseObjection(published(), { objectionId: OBJ, text: '晚了' }, stranger, end))).toBe('WRONG_STATE');
  });
});

it('labels every status in Chinese', () => {
  for (const s of APPLICATION_STATUSES) expect(APPLICATION_STATUS_LABELS[s]).toMatch(/\p{Script=Han}/u);
});
