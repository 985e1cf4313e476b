/**
 * Operator commands on payable items (issue #10), through the real handlers: hold, release,
 * cancel (the budget reservation released in the same transaction) and correct the account
 * and retry. Admin only, a reason every time, an audit event every time; applicants and
 * reviewers get 403, a wrong state 409, a missing reason 400.
 */
import { handler as cancelHandler } from '../../../functions/http/cancel-payable/handler';
import { handler as correctHandler } from '../../../functions/http/correct-payable-account/handler';
import { handler as holdHandler } from '../../../functions/http/hold-payable/handler';
import { handler as listHandler } from '../../../functions/http/list-payables/handler';
import { handler as releaseHandler } from '../../../functions/http/release-payable/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { signSession } from '../../support/session';
import { findApplication, timeline } from '../../../functions/repositories/applications';
import { getGrant, grantTimeline, putPayeeOnFile } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { provideApplicationAccount } from '../../../functions/services/applications';
import { instantOf } from '../../../shared/calendar';
import type { UserId } from '../../../shared/ids';
import { fen } from '../../../shared/money';
import { MAX_PAYMENT_ATTEMPTS } from '../../../shared/payment';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { AMOUNT, applicationInPublicity, payableGrant, policyId } from './payables-support';
import { adminToken, applicantToken, daysAfter, fakeTreasury, PAYEE, T_RUN, uscc } from './support';
import { noGuard } from '../../../functions/services/idempotency';

jest.setTimeout(180_000);

const disburse = async (at: Date) => await disburseJob({ asOf: at.toISOString() });
const route = (action: string) => `POST /v1/admin/payables/{kind}/{id}/${action}`;
const params = (kind: string, id: string) => ({ kind, id });

describe('operator commands on payable items', () => {
  let fake: FakeTreasury;
  let admin: string;
  let reviewer: string;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await freshTable();
    await openBudget(policyId, 2020, fen(100 * AMOUNT));
    fake = await fakeTreasury('ok');
    admin = await adminToken();
    reviewer = (
      await signSession(
        { kind: 'reviewer', userId: 'usr_rev000001' as UserId, department: 'finance', level: 2 },
        new Date(),
      )
    ).token;
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });

  it('hold stops a payable application until released; both with a reason in the timeline', async () => {
    const a = await applicationInPublicity(101);
    await putPayeeOnFile(a.subjectId, PAYEE, instantOf(T_RUN));
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    const held = await call(holdHandler, route('hold'), {
      token: admin,
      params: params('application', a.id),
      body: { reason: '群众举报，核查中' },
    });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      kind: 'application',
      id: a.id,
      status: 'on_hold',
      statusLabel: '暂停拨付',
      accountMasked: '****2222',
    });
    expect(JSON.stringify(held.body)).not.toContain(PAYEE.accountNumber);
    expect(await disburse(daysAfter(T_RUN, 7))).toMatchObject({ started: {} });
    expect(await paymentsOfItem(a.id)).toHaveLength(0);
    // the operator's list of held items shows it, account masked
    const list = await call(listHandler, 'GET /v1/admin/payables', {
      token: admin,
      query: { kind: 'application', status: 'on_hold' },
    });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        kind: 'application',
        id: a.id,
        policyId: 'hire-local',
        amountFen: AMOUNT,
        status: 'on_hold',
        statusLabel: '暂停拨付',
        holdReason: '群众举报，核查中',
      }),
    ]);
    expect(
      (
        await call(listHandler, 'GET /v1/admin/payables', {
          token: reviewer,
          query: { kind: 'application', status: 'on_hold' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(listHandler, 'GET /v1/admin/payables', {
          token: admin,
          query: { kind: 'application', status: 'paid' },
        })
      ).status,
    ).toBe(400);
    // holding twice is a wrong state
    expect(
      (
        await call(holdHandler, route('hold'), {
          token: admin,
          params: params('application', a.id),
          body: { reason: '再次暂停' },
        })
      ).status,
    ).toBe(409);
    const released = await call(releaseHandler, route('release'), {
      token: admin,
      params: params('application', a.id),
      body: { reason: '核查无误' },
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'payable' });
    expect(await disburse(daysAfter(T_RUN, 7))).toMatchObject({ started: { sent: 1 } });
    expect(await findApplication(a.id)).toMatchObject({ status: 'paid' });
    const events = (await timeline(a.id)).filter(
      (e) => e.type === 'PaymentHeld' || e.type === 'PaymentReleased',
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'PaymentHeld',
        from: 'payable',
        to: 'on_hold',
        reason: '群众举报，核查中',
        by: expect.objectContaining({ kind: 'admin' }),
      }),
      expect.objectContaining({
        type: 'PaymentReleased',
        from: 'on_hold',
        to: 'payable',
        reason: '核查无误',
        by: expect.objectContaining({ kind: 'admin' }),
      }),
    ]);
    // a paid item can no longer be held or cancelled
    expect(
      (
        await call(holdHandler, route('hold'), {
          token: admin,
          params: params('application', a.id),
          body: { reason: '晚了' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(cancelHandler, route('cancel'), {
          token: admin,
          params: params('application', a.id),
          body: { reason: '晚了' },
        })
      ).status,
    ).toBe(409);
  });

  it('cancel ends a parked application and releases its budget reservation in the same transaction', async () => {
    const a = await applicationInPublicity(102); // no account anywhere
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    expect(await findApplication(a.id)).toMatchObject({ status: 'awaiting_account' });
    const parked = await call(listHandler, 'GET /v1/admin/payables', {
      token: admin,
      query: { kind: 'application', status: 'awaiting_account' },
    });
    expect(parked.status).toBe(200);
    expect(parked.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const before = await getBudget(policyId, 2020);
    const cancelled = await call(cancelHandler, route('cancel'), {
      token: admin,
      params: params('application', a.id),
      body: { reason: '申请人书面放弃' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusLabel: '已取消' });
    const after = await getBudget(policyId, 2020);
    expect(after!.reservedFen - before!.reservedFen).toBe(-AMOUNT);
    expect(after!.remainingFen - before!.remainingFen).toBe(AMOUNT);
    expect(await findApplication(a.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: '申请人书面放弃',
    });
    expect((await timeline(a.id)).at(-1)).toMatchObject({
      type: 'ApplicationCancelled',
      from: 'awaiting_account',
      to: 'cancelled',
      reason: '申请人书面放弃',
    });
    // a second cancel is refused and releases nothing
    expect(
      (
        await call(cancelHandler, route('cancel'), {
          token: admin,
          params: params('application', a.id),
          body: { reason: '再取消' },
        })
      ).status,
    ).toBe(409);
    expect(await getBudget(policyId, 2020)).toEqual(after);
  });

  it('correct the account and retry: a held grant (five failures) is paid at once to the corrected account', async () => {
    const g = await payableGrant(103);
    fake.setModeFor(`${g.id}:`, 'fail');
    for (let attempt = 1; attempt <= MAX_PAYMENT_ATTEMPTS; attempt++)
      await disburse(daysAfter(T_RUN, 6 + attempt));
    expect(await getGrant(g.id)).toMatchObject({ status: 'on_hold' });
    fake.setModeFor(`${g.id}:`, 'ok');
    // issue #10 review: an operator cannot send the money to an account in another name either
    const otherName = await call(correctHandler, route('account'), {
      token: admin,
      params: params('grant', g.id),
      body: {
        reason: '更正',
        accountName: '李四',
        bankName: '甘肃银行',
        accountNumber: '12345678',
      },
    });
    expect(otherName.status).toBe(400);
    expect(otherName.body.error.details.reason).toBe('ACCOUNT_NAME_MISMATCH');
    expect(await getGrant(g.id)).toMatchObject({ status: 'on_hold', payee: PAYEE });
    const corrected = await call(correctHandler, route('account'), {
      token: admin,
      params: params('grant', g.id),
      body: {
        reason: '开户行核实后更正账号',
        accountName: PAYEE.accountName,
        bankName: '甘肃银行张掖分行',
        accountNumber: '6222-0000-5555-6666',
      },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'payable', accountMasked: '****6666' });
    expect(JSON.stringify(corrected.body)).not.toContain('6222000055556666');
    expect(await disburse(daysAfter(T_RUN, 13))).toMatchObject({ started: { sent: 1 } });
    expect(await getGrant(g.id)).toMatchObject({
      status: 'paid',
      paymentAttempt: MAX_PAYMENT_ATTEMPTS + 1,
    });
    const payments = await paymentsOfItem(g.id);
    expect(payments.at(-1)).toMatchObject({
      status: 'paid',
      attempt: MAX_PAYMENT_ATTEMPTS + 1,
      payee: { accountNumber: '6222000055556666' },
    });
    expect((await grantTimeline(g.id)).find((e) => e.type === 'AccountCorrected')).toMatchObject({
      from: 'on_hold',
      to: 'payable',
      reason: '开户行核实后更正账号',
    });
    expect(fake.paidFen(g.id)).toBe(AMOUNT);
  });

  it('the applicant giving a new account for a failed application: retried at once, not after the backoff (issue #10 review)', async () => {
    const a = await applicationInPublicity(106);
    await putPayeeOnFile(a.subjectId, PAYEE, instantOf(T_RUN));
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    fake.setModeFor(`${a.id}:1`, 'fail');
    const t = daysAfter(T_RUN, 7);
    expect(await disburse(t)).toMatchObject({ started: { sent: 1 } });
    expect(await disburse(t)).toMatchObject({ started: {} }); // backoff
    const applicant = {
      kind: 'applicant' as const,
      userId: 'usr_A106' as UserId,
      subjectId: a.subjectId,
    };
    const given = await provideApplicationAccount(
      applicant,
      a.id,
      { source: 'new', ...PAYEE, accountNumber: '6222000099990000' },
      noGuard,
      t,
    );
    expect(given.id).toBe(a.id);
    expect(await disburse(t)).toMatchObject({ started: { sent: 1 } });
    expect(await findApplication(a.id)).toMatchObject({
      status: 'paid',
      paymentAttempt: 2,
      payee: { accountNumber: '6222000099990000' },
    });
  });

  it('correct the account of a failed application: retried at once, not after the backoff', async () => {
    const a = await applicationInPublicity(105);
    await putPayeeOnFile(a.subjectId, PAYEE, instantOf(T_RUN));
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    fake.setModeFor(`${a.id}:1`, 'fail');
    const t = daysAfter(T_RUN, 7);
    expect(await disburse(t)).toMatchObject({ started: { sent: 1 } });
    expect(await findApplication(a.id)).toMatchObject({
      status: 'payment_failed',
      paymentAttempt: 1,
    });
    expect(await disburse(t)).toMatchObject({ started: {} }); // backoff
    const res = await call(correctHandler, route('account'), {
      token: admin,
      params: params('application', a.id),
      body: {
        reason: '申请人来电更正账号',
        accountName: PAYEE.accountName,
        bankName: PAYEE.bankName,
        accountNumber: '6222000077778888',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'payment_failed', accountMasked: '****8888' });
    expect(await disburse(t)).toMatchObject({ started: { sent: 1 } });
    expect(await findApplication(a.id)).toMatchObject({
      status: 'paid',
      paymentAttempt: 2,
      payee: { accountNumber: '6222000077778888' },
    });
    expect((await timeline(a.id)).find((e) => e.type === 'AccountCorrected')).toMatchObject({
      reason: '申请人来电更正账号',
    });
  });

  it('refusals: applicant and reviewer 403, missing or blank reason 400, bad account 400, unknown item 404, wrong state 409', async () => {
    const g = await payableGrant(104);
    const { token: applicant } = await applicantToken(uscc(104));
    const body = { reason: '核查' };
    const account = { reason: '更正', ...PAYEE };
    for (const [handler, action, b] of [
      [holdHandler, 'hold', body],
      [releaseHandler, 'release', body],
      [cancelHandler, 'cancel', body],
      [correctHandler, 'account', account],
    ] as const) {
      const p = params('grant', g.id);
      expect(
        (await call(handler, route(action), { token: applicant, params: p, body: b })).status,
      ).toBe(403);
      expect(
        (await call(handler, route(action), { token: reviewer, params: p, body: b })).status,
      ).toBe(403);
      expect((await call(handler, route(action), { params: p, body: b })).status).toBe(401);
      const missing = await call(handler, route(action), {
        token: admin,
        params: p,
        body: { ...b, reason: undefined },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('INVALID_INPUT');
      expect(
        (
          await call(handler, route(action), {
            token: admin,
            params: p,
            body: { ...b, reason: '   ' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call(handler, route(action), {
            token: admin,
            params: params('grant', 'grt_nope'),
            body: b,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call(handler, route(action), {
            token: admin,
            params: params('application', g.id),
            body: b,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call(handler, route(action), {
            token: admin,
            params: params('salary', g.id),
            body: b,
          })
        ).status,
      ).toBe(400);
    }
    expect(
      (
        await call(correctHandler, route('account'), {
          token: admin,
          params: params('grant', g.id),
          body: { ...account, accountNumber: '12ab' },
        })
      ).status,
    ).toBe(400);
    // release of an item that is not on hold
    const notHeld = await call(releaseHandler, route('release'), {
      token: admin,
      params: params('grant', g.id),
      body,
    });
    expect(notHeld.status).toBe(409);
    expect(notHeld.body.error.code).toBe('WRONG_STATE');
    // nothing above changed the grant
    expect(await getGrant(g.id)).toMatchObject({ status: 'payable', version: g.version });
  });
});
