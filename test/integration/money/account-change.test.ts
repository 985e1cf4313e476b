/**
 * Issue #17: the receiving account can be changed by its owner until payment starts, and is
 * refused with WRONG_STATE / ACCOUNT_LOCKED once the item is in a 支付批次 or paying/paid.
 * Through the real handlers (provide-account, confirm-grant, create-payment-batch) and the
 * real close-publicity and disburse jobs, on DynamoDB Local, against the fake treasury.
 */
import { handler as accountHandler } from '../../../functions/http/provide-account/handler';
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as createBatchHandler } from '../../../functions/http/create-payment-batch/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import {
  findApplication,
  loadApplication,
  saveApplication,
} from '../../../functions/repositories/applications';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { openBudget } from '../../../functions/repositories/ledger';
import {
  closeApplicationPublicity,
  closeGrantPublicity,
} from '../../../functions/services/close-publicity';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, PolicyId, UserId } from '../../../shared/ids';
import {
  decide,
  draftApplication,
  submit,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  adminToken,
  applicantToken,
  daysAfter,
  fakeTreasury,
  PAYEE,
  registerSubject,
  T_RUN,
  uscc,
} from './support';

jest.setTimeout(180_000);

/** rent-waiver-state pays only items in an approved 支付批次 (finance sign-off) */
const SIGNOFF = policyIdOf('rent-waiver-state');
const HIRE_LOCAL = policyIdOf('hire-local');
const NEW_ACCOUNT = { bankName: '中国农业银行高台支行', accountNumber: '6228 4801 2345 6789' };

const L1 = {
  kind: 'reviewer' as const,
  userId: 'usr_ACL1' as UserId,
  department: 'finance' as const,
  level: 1 as const,
};
const L2 = { ...L1, userId: 'usr_ACL2' as UserId, level: 2 as const };

/** An application decided at two levels and in 公示 (ends 5 days after T_RUN), with an account. */
async function applicationInPublicity(n: number, policyId: PolicyId) {
  const code = uscc(n, 'AC');
  await registerSubject(code);
  const { token, subjectId } = await applicantToken(code);
  const applicant = { kind: 'applicant' as const, userId: `usr_AC${n}` as UserId, subjectId };
  const now = instantOf(T_RUN);
  const d = draftApplication(
    {
      id: `app_AC${n}` as ApplicationId,
      policyId,
      policyVersion: 1,
      subjectId,
      department: 'finance',
      terms: {
        capFen: fen(20_000_000),
        reviewLevels: 2,
        publicityDays: 5,
        supplementDays: 10,
        materials: [{ code: 'lease', name: '租赁合同', optional: false }],
      },
      materials: [{ code: 'lease', uploadKey: 'up/lease' }],
      account: {
        choice: { source: 'new', ...PAYEE },
        subject: { kind: 'enterprise', name: PAYEE.accountName },
      },
    },
    applicant,
    now,
  );
  const s = submit(d.next, {}, applicant, now);
  const a1 = decide(s.next, { kind: 'approve', amountFen: fen(80_000) }, L1, now);
  const a2 = decide(a1.next, { kind: 'approve', amountFen: fen(80_000) }, L2, now);
  const events: ApplicationEvent[] = [...d.events, ...s.events, ...a1.events, ...a2.events];
  await saveApplication(a2.next, events, 'new');
  return { id: a2.next.id, token };
}

const changeAccount = (id: string, token: string, key: string) =>
  call(accountHandler, 'POST /v1/applications/{id}/account', {
    token,
    params: { id },
    headers: { 'idempotency-key': key },
    body: { source: 'new', accountName: PAYEE.accountName, ...NEW_ACCOUNT },
  });

describe('the receiving account, until payment starts', () => {
  let fake: FakeTreasury;
  let admin: string;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await freshTable();
    await openBudget(SIGNOFF, 2020, fen(10_000_000));
    await openBudget(HIRE_LOCAL, 2020, fen(10_000_000));
    fake = await fakeTreasury('ok');
    admin = await adminToken();
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });

  it('an applicant changes the account in 公示 and while payable, and is refused once the item is in a 支付批次', async () => {
    const { id, token } = await applicationInPublicity(1, SIGNOFF);

    const inPublicity = await changeAccount(id, token, 'acct-change-0001');
    expect(inPublicity.status).toBe(200);
    expect(inPublicity.body.account).toEqual({
      accountMasked: '****6789',
      bankName: NEW_ACCOUNT.bankName,
    });
    expect(JSON.stringify(inPublicity.body)).not.toContain('62284801');

    expect(await closeApplicationPublicity(id, instantOf(daysAfter(T_RUN, 6)))).toBe('payable');
    // parked for sign-off: payment has not started, the account may still change
    expect((await disburseJob({ asOf: daysAfter(T_RUN, 7).toISOString() })).started).toMatchObject({
      awaiting_signoff: 1,
    });
    const whilePayable = await call(accountHandler, 'POST /v1/applications/{id}/account', {
      token,
      params: { id },
      headers: { 'idempotency-key': 'acct-change-0002' },
      body: { source: 'new', ...PAYEE },
    });
    expect(whilePayable.status).toBe(200);
    expect(whilePayable.body.account).toMatchObject({ accountMasked: '****2222' });

    // audited: each change is an event, masked, with who and when
    const audit = (await loadApplication(id)).events.filter((e) => e.type === 'PayeeProvided');
    expect(audit).toHaveLength(3);
    expect(audit.at(-1)).toMatchObject({ accountMasked: '****2222', by: { kind: 'applicant' } });
    expect(JSON.stringify(audit)).not.toContain(PAYEE.accountNumber);

    const batch = await call(createBatchHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(batch.status).toBe(201);
    expect(batch.body.items).toEqual([expect.objectContaining({ id, accountMasked: '****2222' })]);

    const refused = await changeAccount(id, token, 'acct-change-0003');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'WRONG_STATE',
      details: { reason: 'ACCOUNT_LOCKED' },
    });
    expect(refused.body.error.message).toContain('收款账户不能再更改');
    expect((await findApplication(id))?.payee?.accountNumber).toBe(PAYEE.accountNumber);
  });

  it('a 免申即享 grant’s account changes in 公示 and while payable, and is refused once paid', async () => {
    const code = uscc(2, 'AC');
    await registerSubject(code);
    const { token, subjectId } = await applicantToken(code);
    const t = detectGrant(
      {
        policyId: HIRE_LOCAL,
        policyVersion: 1,
        subjectId,
        period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
        department: 'hrss',
        amountFen: fen(100_000),
        capFen: fen(15_000_000),
        publicityDays: 5,
        payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
    const confirm = (key: string, account: { bankName: string; accountNumber: string }) =>
      call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
        token,
        params: { id: t.next.id },
        headers: { 'idempotency-key': key },
        body: { accountName: PAYEE.accountName, ...account },
      });

    const inPublicity = await confirm('grant-acct-0001', NEW_ACCOUNT);
    expect(inPublicity.status).toBe(200);
    expect(inPublicity.body).toMatchObject({ status: 'publicity', accountMasked: '****6789' });

    expect(await closeGrantPublicity(t.next.id, instantOf(daysAfter(T_RUN, 6)))).toBe('payable');
    const whilePayable = await confirm('grant-acct-0002', PAYEE);
    expect(whilePayable.status).toBe(200);
    expect(whilePayable.body).toMatchObject({ status: 'payable', accountMasked: '****2222' });

    await disburseJob({ asOf: daysAfter(T_RUN, 7).toISOString() });
    expect(await getGrant(t.next.id)).toMatchObject({ status: 'paid' });
    expect(fake.paidFen(t.next.id)).toBe(100_000);

    const refused = await confirm('grant-acct-0003', NEW_ACCOUNT);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'WRONG_STATE',
      details: { reason: 'ACCOUNT_LOCKED' },
    });
  });
});
