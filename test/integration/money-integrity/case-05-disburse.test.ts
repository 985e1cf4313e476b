/**
 * Issue #10 case 5: disburse took the first 500 due items, and items that can never start
 * (no account, gave up after five attempts) stayed at the front, so the payable items behind
 * them were never paid; an application without an account failed `no_payee` forever with its
 * budget reserved. Now: disburse pages through the due index by cursor within a budget per
 * run, and what cannot start leaves the index at once — parked as awaiting_account (the
 * applicant is asked) or on_hold (an operator decides).
 */
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import {
  findApplication,
  listApplicationsByStatus,
  saveApplication,
} from '../../../functions/repositories/applications';
import {
  getGrant,
  listGrantsByStatus,
  putPayeeOnFile,
  saveGrant,
} from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { pendingNotices } from '../../../functions/repositories/outbox';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { disburseDue } from '../../../functions/services/disburse';
import { provideApplicationAccount } from '../../../functions/services/applications';
import { putSubject } from '../../../functions/repositories/subjects';
import { mapLimit } from '../../../functions/services/retry';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, UserId } from '../../../shared/ids';
import type { Application } from '../../../shared/lifecycle/application';
import type { Grant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { MAX_PAYMENT_ATTEMPTS } from '../../../shared/payment';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { freshTable } from '../../support/table';
import { daysAfter, fakeTreasury, PAYEE, T_RUN, uscc } from '../money/support';
import { AMOUNT, applicationInPublicity, payableGrant, policyId } from '../money/payables-support';
import { noGuard } from '../../../functions/services/idempotency';

// ~12 s alone; the full run shares 2 cores with the 1,000,000-row feed stream and the package build
jest.setTimeout(240_000);

const iso = (d: Date) => d.toISOString();
const disburse = async (at: Date) => await disburseJob({ asOf: iso(at) });

describe('case 5: disburse never starves', () => {
  let fake: FakeTreasury;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on'; // run the jobs "as of" after the 公示 ends
    fake = await fakeTreasury('ok');
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });
  beforeEach(async () => {
    await freshTable();
    await openBudget(policyId, 2020, fen(10_000 * AMOUNT));
  });

  it('case 5: 1,000 unpayable items ahead of one payable item → the payable one is paid in the first run', async () => {
    // Items as the old code left them in the due index, due long before the payable one:
    // 600 approved applications with no account anywhere (old: `no_payee` forever) …
    const early = instantOf(T_RUN);
    const template = await applicationInPublicity(1);
    const noAccount = Array.from({ length: 600 }, (_, i): Application => ({
      ...template,
      id: `app_NOACC${String(i).padStart(4, '0')}` as ApplicationId,
      subjectId: subjectIdOf(uscc(10_000 + i)),
      status: 'payable',
      decidedAt: early,
      version: 1,
    }));
    // … and 400 grants that gave up after five failed attempts (old: `gave_up`, retried forever).
    const grantTemplate = await payableGrant(2);
    const gaveUp = Array.from({ length: 400 }, (_, i): Grant => ({
      ...grantTemplate,
      id: `grant_GAVEUP${String(i).padStart(4, '0')}` as Grant['id'],
      subjectId: subjectIdOf(uscc(20_000 + i)),
      status: 'payment_failed',
      paymentAttempt: MAX_PAYMENT_ATTEMPTS,
      paymentFailure: '收款账户状态异常',
      version: 1,
    }));
    await mapLimit(noAccount, 16, (a) => saveApplication(a, [], 'new'));
    await mapLimit(gaveUp, 16, (g) => saveGrant(g, [], 'new', { retryAt: early, now: early }));
    // The template grant pays too (it is payable); the one application with an account is the item under test.
    const payable = await applicationInPublicity(3);
    await putPayeeOnFile(payable.subjectId, PAYEE, early);
    expect(await closePublicityJob({ asOf: iso(daysAfter(T_RUN, 6)) })).toMatchObject({
      applications: { payable: 1 },
    });
    expect(
      (await listApplicationsByStatus('payable', iso(daysAfter(T_RUN, 7)), undefined, 100)).items[0]
        ?.id,
    ).toBe(noAccount[0]!.id);

    const started = Date.now();
    const run = await disburse(daysAfter(T_RUN, 7));
    const ms = Date.now() - started;
    expect(await findApplication(payable.id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    expect(fake.paidFen(payable.id)).toBe(AMOUNT);
    expect(run.started).toEqual({ sent: 2, parked: 600, held: 400 });
    expect(run.examined).toBe(1_002);
    expect(await findApplication(noAccount[599]!.id)).toMatchObject({ status: 'awaiting_account' });
    expect(await getGrant(gaveUp[399]!.id)).toMatchObject({
      status: 'on_hold',
      paymentAttempt: MAX_PAYMENT_ATTEMPTS,
    });
    // They left the due index: the next run looks at nothing.
    const again = await disburse(daysAfter(T_RUN, 8));
    expect(again).toMatchObject({ started: {}, examined: 0 });
    expect(
      (await listGrantsByStatus('payment_failed', iso(daysAfter(T_RUN, 8)))).items,
    ).toHaveLength(0);

    console.log(`case 5: first disburse run over 1,002 due items took ${ms} ms`);
  });

  it('case 5: an approved application without an account is parked awaiting_account, not failed no_payee, its budget reserved until the applicant gives one', async () => {
    const a = await applicationInPublicity(4);
    expect(await closePublicityJob({ asOf: iso(daysAfter(T_RUN, 6)) })).toMatchObject({
      applications: { awaiting_account: 1 },
    });
    expect(await findApplication(a.id)).toMatchObject({
      status: 'awaiting_account',
      paymentAttempt: 0,
    });
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: AMOUNT });
    // the applicant is asked, through the outbox
    const notices = (await pendingNotices()).filter((n) => n.aggregate.id === a.id);
    expect(notices.at(-1)?.notice).toMatchObject({
      status: '待提供收款账户',
      text: expect.stringContaining('收款账户'),
    });
    // never in the due index: disburse does not even look at it, and nothing fails
    expect(await disburse(daysAfter(T_RUN, 7))).toMatchObject({ started: {}, examined: 0 });
    expect(await paymentsOfItem(a.id)).toHaveLength(0);
    // the applicant gives an account → payable, due at once → paid by the next run
    const applicant = {
      kind: 'applicant' as const,
      userId: 'usr_A4' as UserId,
      subjectId: a.subjectId,
    };
    // through the account route's service: the account is checked against the registered name
    await putSubject({
      id: a.subjectId,
      kind: 'enterprise',
      name: PAYEE.accountName,
      uscc: uscc(4),
      size: 'small',
      regionCode: '620724',
    });
    const given = await provideApplicationAccount(
      applicant,
      a.id,
      { source: 'new', ...PAYEE, accountNumber: '6222 0000 3333 4444' },
      noGuard,
      daysAfter(T_RUN, 8),
    );
    expect(given).toMatchObject({ status: 'payable' });
    expect(await disburse(daysAfter(T_RUN, 8))).toMatchObject({ started: { sent: 1 } });
    expect(await findApplication(a.id)).toMatchObject({ status: 'paid' });
    expect((await paymentsOfItem(a.id))[0]?.payee.accountNumber).toBe('6222000033334444');
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: 0, paidFen: AMOUNT });
  });

  it('case 5: each run stays within its budgets and the next one goes on: a start budget of 2 pays 2 of 3, then the third', async () => {
    const gs = [await payableGrant(6), await payableGrant(7), await payableGrant(8)];
    const first = await disburseDue({ now: daysAfter(T_RUN, 7), batchSize: 2 });
    expect(first.started).toEqual({ sent: 2 });
    const second = await disburseDue({ now: daysAfter(T_RUN, 7), batchSize: 2 });
    expect(second).toMatchObject({ started: { sent: 1 }, examined: 1 });
    for (const g of gs) expect(await getGrant(g.id)).toMatchObject({ status: 'paid' });
    // a scan budget smaller than what is due still makes progress: whatever it looked at is settled, parked or held
    await payableGrant(9);
    await payableGrant(10);
    expect(await disburseDue({ now: daysAfter(T_RUN, 8), scanBudget: 1 })).toMatchObject({
      started: { sent: 1 },
      examined: 1,
    });
    expect(await disburseDue({ now: daysAfter(T_RUN, 8), scanBudget: 1 })).toMatchObject({
      started: { sent: 1 },
      examined: 1,
    });
  });

  it('case 5: a long range of due items cannot crowd out another: a start budget of 4, ten payable grants ahead, the application is paid in the first run', async () => {
    for (let n = 0; n < 10; n++) await payableGrant(30 + n);
    const a = await applicationInPublicity(50);
    await putPayeeOnFile(a.subjectId, PAYEE, instantOf(T_RUN));
    await closePublicityJob({ asOf: iso(daysAfter(T_RUN, 6)) });
    expect(await disburseDue({ now: daysAfter(T_RUN, 7), batchSize: 4 })).toMatchObject({
      started: { sent: 4 },
    });
    expect(await findApplication(a.id)).toMatchObject({ status: 'paid' });
  });

  it('case 5: after five failed attempts the item is on_hold and no longer retried', async () => {
    const g = await payableGrant(5);
    fake.setModeFor(`${g.id}:`, 'fail');
    for (let attempt = 1; attempt <= MAX_PAYMENT_ATTEMPTS; attempt++) {
      expect(await disburse(daysAfter(T_RUN, 6 + attempt))).toMatchObject({ started: { sent: 1 } });
    }
    expect(await getGrant(g.id)).toMatchObject({
      status: 'on_hold',
      paymentAttempt: MAX_PAYMENT_ATTEMPTS,
      holdReason: expect.stringContaining('人工'),
    });
    expect(await disburse(daysAfter(T_RUN, 20))).toMatchObject({ started: {}, examined: 0 });
    expect((await paymentsOfItem(g.id)).map((p) => p.status)).toEqual(
      Array(MAX_PAYMENT_ATTEMPTS).fill('failed'),
    );
    expect(fake.paidFen(g.id)).toBe(0);
    expect(await getBudget(policyId, 2020)).toMatchObject({ reservedFen: AMOUNT, paidFen: 0 }); // an operator releases or cancels it
  });
});
