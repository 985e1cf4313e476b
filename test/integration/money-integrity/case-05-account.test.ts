/**
 * Issue #10 case 5, second half: an applicant could not give a receiving account for an
 * application, so an application of a subject with no account on file failed `no_payee`
 * forever, its budget reserved. Now the account is given or confirmed when applying
 * (POST /v1/applications `account`), validated by shared/payee (户名 = the registered name,
 * a resident's card passes Luhn), and can be given or corrected later by the owner
 * (POST /v1/applications/{id}/account). Through the real handlers on DynamoDB Local.
 */
import { call } from '../../support/http';
import { handler as create } from '../../../functions/http/create-application/handler';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import { handler as listPayments } from '../../../functions/http/list-payments/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as provideAccount } from '../../../functions/http/provide-account/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import {
  findApplication,
  saveApplication,
  timeline,
} from '../../../functions/repositories/applications';
import { payeeOnFile } from '../../../functions/repositories/grants';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { policyRef } from '../../../functions/services/policy-ref';
import { startFakeTreasury, type FakeTreasury } from '../../../infra/fakes/treasury';
import { DEMO_CODES, DEMO_USERS } from '../../../infra/local/demo-data';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId } from '../../../shared/ids';
import {
  decide as decideApplication,
  draftApplication,
  submit,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { actorOf } from '../../../shared/user';
import { fen } from '../../../shared/money';
import { findPolicy } from '../../../shared/policies';
import { demoCounty, idemKey, upload, type DemoUser } from '../apply/setup';

jest.setTimeout(180_000);

let tokens: Record<DemoUser, string>;
let treasury: FakeTreasury;
beforeAll(async () => {
  tokens = await demoCounty();
  treasury = await startFakeTreasury();
  process.env.TREASURY_URL = treasury.url;
  process.env.SCHEDULE_CLOCK_OVERRIDE = 'on'; // the jobs run "as of" after the 公示 ends
});
afterAll(() => treasury.stop());

/** 李秀英: a resident with no account on file; 交通补贴 (transfer-transport, one review level) matches her. */
const LI = subjectIdOf(DEMO_CODES.migrant);
const TRANSPORT_MATERIALS = () => [upload('id_card'), upload('travel_tickets')];
const LI_CARD = {
  accountName: '李秀英',
  bankName: '中国农业银行高台县支行',
  accountNumber: '6228 4801 2345 6780 014',
};

const applyFor = (token: string, account: unknown) =>
  call(create, 'POST /v1/applications', {
    token,
    body: { policyId: 'transfer-transport', materials: TRANSPORT_MATERIALS(), account },
    headers: { 'idempotency-key': idemKey('case5') },
  });

const after = (iso: string, minutes = 1) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describe('case 5: the receiving account of an application', () => {
  it('case 5: a wrong account is refused when applying, with its reason, and nothing is created or put on file', async () => {
    const mismatch = await applyFor(tokens.lixy01, {
      ...LI_CARD,
      source: 'new',
      accountName: '李秀华',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'ACCOUNT_NAME_MISMATCH', field: 'accountName' },
    });
    expect(mismatch.body.error.message).toBe('户名须与身份证上的姓名「李秀英」一致');

    const badLuhn = await applyFor(tokens.lixy01, {
      ...LI_CARD,
      source: 'new',
      accountNumber: '6228 4801 2345 6780 015',
    });
    expect(badLuhn.status).toBe(400);
    expect(badLuhn.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'BAD_CHECK_DIGIT', field: 'accountNumber' },
    });

    const shortCard = await applyFor(tokens.lixy01, {
      ...LI_CARD,
      source: 'new',
      accountNumber: '622848012345',
    });
    expect(shortCard.status).toBe(400);
    expect(shortCard.body.error.details.reason).toBe('BAD_CARD_LENGTH');

    const noneOnFile = await applyFor(tokens.lixy01, { source: 'profile' });
    expect(noneOnFile.status).toBe(422);
    expect(noneOnFile.body.error).toMatchObject({
      code: 'ACCOUNT_REQUIRED',
      details: { reason: 'NO_ACCOUNT_ON_FILE' },
    });

    const missing = await call(create, 'POST /v1/applications', {
      token: tokens.lixy01,
      body: { policyId: 'transfer-transport', materials: TRANSPORT_MATERIALS() },
    });
    expect(missing.status).toBe(400); // the account is required, not optional

    // no refusal echoes the number
    for (const r of [mismatch, badLuhn, shortCard])
      expect(JSON.stringify(r.body)).not.toMatch(/62284801|6780 01/);

    const mine = await call(listApplications, 'GET /v1/applications', { token: tokens.lixy01 });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
    expect(await payeeOnFile(LI)).toBeUndefined();
  });

  it('case 5: an applicant with no account on file gives one when applying and the application is paid to it', async () => {
    const me0 = await call(getMe, 'GET /v1/me', { token: tokens.lixy01 });
    expect(me0.status).toBe(200);
    expect(me0.body.account).toBeUndefined();

    const created = await applyFor(tokens.lixy01, { source: 'new', ...LI_CARD });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      account: { accountMasked: '****0014', bankName: '中国农业银行高台县支行' },
    });
    expect(created.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'ApplicationDrafted',
      'PayeeProvided',
      'ApplicationSubmitted',
    ]);
    expect(created.body.timeline[1].text).toBe('提供收款账户：中国农业银行高台县支行 ****0014');
    expect(JSON.stringify(created.body)).not.toContain('6228480123456780014');
    const id = created.body.id as ApplicationId;

    // stored in full (digits only) for the treasury, audited masked
    expect((await findApplication(id))?.payee).toEqual({
      accountName: '李秀英',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780014',
    });
    expect(JSON.stringify(await timeline(id))).not.toContain('6228480123456780014');
    // and it became her account on file, in the same transaction
    expect(await payeeOnFile(LI)).toMatchObject({ accountNumber: '6228480123456780014' });
    const me1 = await call(getMe, 'GET /v1/me', { token: tokens.lixy01 });
    expect(me1.body.account).toEqual({
      accountMasked: '****0014',
      bankName: '中国农业银行高台县支行',
    });

    const approved = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl1,
      params: { id },
      body: { kind: 'approve', amountFen: created.body.requestedFen },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('publicity');
    // the reviewer sees the account masked too
    expect(approved.body.account).toEqual({
      accountMasked: '****0014',
      bankName: '中国农业银行高台县支行',
    });

    const asOf = after(approved.body.publicityEndsAt);
    expect(await closePublicityJob({ asOf })).toMatchObject({ applications: { payable: 1 } });
    expect(await disburseJob({ asOf })).toMatchObject({ started: { sent: 1 } });

    const paid = await call(getApplication, 'GET /v1/applications/{id}', {
      token: tokens.lixy01,
      params: { id },
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    const orders = [...treasury.orders.values()].filter((o) =>
      o.idempotencyKey.startsWith(`${id}:`),
    );
    expect(orders.map((o) => [o.accountTail, o.executions])).toEqual([['0014', 1]]); // paid once, to the card she gave
    expect(treasury.paidFen(id)).toBe(created.body.requestedFen);
    const payments = await call(listPayments, 'GET /v1/payments', { token: tokens.lixy01 });
    expect(payments.status).toBe(200);
    expect(payments.body.items.filter((p: { itemId: string }) => p.itemId === id)).toEqual([
      expect.objectContaining({
        status: 'paid',
        accountMasked: '****0014',
        amountFen: created.body.requestedFen,
      }),
    ]);

    // once paid, the account can no longer be changed
    const late = await call(provideAccount, 'POST /v1/applications/{id}/account', {
      token: tokens.lixy01,
      params: { id },
      body: { source: 'profile' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WRONG_STATE');
  });

  it('case 5: an application stuck without an account (no_payee) is paid once its owner gives one; strangers get 404, staff 403', async () => {
    // 祁连机械: an enterprise with no account on file, and an application from before accounts
    // were asked for (no payee), approved and in 公示: it can never be paid to anyone.
    const machinery = subjectIdOf(DEMO_CODES.machinery);
    const owner = actorOf(DEMO_USERS.find((u) => u.id === 'usr_machine01')!);
    const reviewer = actorOf(DEMO_USERS.find((u) => u.id === 'usr_hrssl1')!);
    const policy = findPolicy('training-subsidy')!;
    const now = instantOf(new Date(Date.now() - 10 * 86_400_000));
    const d = draftApplication(
      {
        id: 'app_LEGACY0000000000000000000A' as ApplicationId,
        policyId: policyRef(policy.id),
        policyVersion: policy.version,
        subjectId: machinery,
        department: policy.department,
        terms: {
          capFen: fen(policy.capFen),
          reviewLevels: 1,
          publicityDays: 1,
          supplementDays: 10,
          materials: [
            { code: 'training_roster', name: '培训人员花名册及培训记录', optional: false },
          ],
        },
        materials: [{ code: 'training_roster', uploadKey: 'up/roster' }],
      },
      owner,
      now,
    );
    const s = submit(d.next, {}, owner, now);
    const a = decideApplication(
      s.next,
      { kind: 'approve', amountFen: fen(120_000) },
      reviewer,
      now,
    );
    const events: ApplicationEvent[] = [...d.events, ...s.events, ...a.events];
    await saveApplication(a.next, events, 'new');
    const id = a.next.id;
    expect(a.next.payee).toBeUndefined();

    const asOf = after(a.next.publicityEndsAt!);
    await closePublicityJob({ asOf });
    await disburseJob({ asOf });
    // no account: parked as awaiting_account (out of the due index), nothing can be paid
    expect((await findApplication(id))?.status).toBe('awaiting_account');
    expect(treasury.paidFen(id)).toBe(0);

    const body = {
      source: 'new',
      accountName: '高台县祁连机械制造有限公司',
      bankName: '甘肃银行高台支行',
      accountNumber: '2710-0101-0400-1234-5',
    };
    const route = 'POST /v1/applications/{id}/account';
    const stranger = await call(provideAccount, route, {
      token: tokens.lixy01,
      params: { id },
      body: { ...body, accountName: '李秀英', accountNumber: LI_CARD.accountNumber },
    });
    expect(stranger.status).toBe(404); // another subject's application: existence not revealed
    for (const staff of [tokens.hrssl1, tokens.finl1, tokens.admin01]) {
      const refused = await call(provideAccount, route, { token: staff, params: { id }, body });
      expect(refused.status).toBe(403);
    }
    const noToken = await call(provideAccount, route, { params: { id }, body });
    expect(noToken.status).toBe(401);
    const wrongName = await call(provideAccount, route, {
      token: tokens.machine01,
      params: { id },
      body: { ...body, accountName: '祁连机械' },
    });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.error.details.reason).toBe('ACCOUNT_NAME_MISMATCH');
    const noneOnFile = await call(provideAccount, route, {
      token: tokens.machine01,
      params: { id },
      body: { source: 'profile' },
    });
    expect(noneOnFile.status).toBe(422);
    expect(noneOnFile.body.error.code).toBe('ACCOUNT_REQUIRED');
    const junk = await call(provideAccount, route, {
      token: tokens.machine01,
      params: { id },
      body: { source: 'bank', accountNumber: 1 },
    });
    expect(junk.status).toBe(400);

    const given = await call(provideAccount, route, {
      token: tokens.machine01,
      params: { id },
      body,
      headers: { 'idempotency-key': idemKey('acct') },
    });
    expect(given.status).toBe(200);
    expect(given.body.account).toEqual({ accountMasked: '****2345', bankName: '甘肃银行高台支行' });
    expect(given.body.status).toBe('payable');
    expect(given.body.timeline.slice(-2)).toMatchObject([
      { type: 'PayeeProvided', text: '提供收款账户：甘肃银行高台支行 ****2345', by: 'applicant' },
      { type: 'AccountProvided', by: 'applicant' },
    ]);
    expect(JSON.stringify(given.body)).not.toContain('27100101040012345');
    expect(await payeeOnFile(machinery)).toMatchObject({
      accountName: '高台县祁连机械制造有限公司',
      accountNumber: '27100101040012345',
    });

    const later = after(asOf, 120);
    await closePublicityJob({ asOf: later });
    await disburseJob({ asOf: later });
    expect((await findApplication(id))?.status).toBe('paid');
    expect(treasury.paidFen(id)).toBe(120_000);
    const orders = [...treasury.orders.values()].filter((o) =>
      o.idempotencyKey.startsWith(`${id}:`),
    );
    expect(orders.map((o) => [o.accountTail, o.executions])).toEqual([['2345', 1]]);
  });
});
