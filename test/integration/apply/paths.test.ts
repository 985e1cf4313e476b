/**
 * The apply paths end to end through the real handlers on DynamoDB Local: startup-grant (two
 * levels, one 容缺 material), hire-local (mode 'both', one level), rent-waiver-state (one
 * level), each to 公示; then the scheduled handlers close 公示 (budget reserved) and disburse
 * through the fake treasury, and each applicant sees the money paid, once.
 */
import { call } from '../../support/http';
import { localDateOf } from '../../../shared/calendar';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as devUsers } from '../../../functions/http/auth-dev-users/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as matches } from '../../../functions/http/list-matches/handler';
import { handler as supplement } from '../../../functions/http/supplement-application/handler';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as listApplications } from '../../../functions/http/list-applications/handler';
import { handler as objection } from '../../../functions/http/object-application/handler';
import { handler as batchApprove } from '../../../functions/http/batch-approve/handler';
import { handler as createPaymentBatch } from '../../../functions/http/create-payment-batch/handler';
import { handler as approvePaymentBatch } from '../../../functions/http/approve-payment-batch/handler';
import { handler as resolveObjection } from '../../../functions/http/resolve-objection/handler';
import { listApplicationsByStatus } from '../../../functions/repositories/applications';
import { pendingNotices } from '../../../functions/repositories/outbox';
import { handler as listPayments } from '../../../functions/http/list-payments/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { startFakeTreasury, type FakeTreasury } from '../../../infra/fakes/treasury';
import {
  apply,
  demoCounty,
  HIRE_LOCAL_REQUIRED,
  idemKey,
  RENT_REQUIRED,
  STARTUP_ALL_BUT_OPTIONAL,
  ON_FILE,
  upload,
  type DemoUser,
} from './setup';

let tokens: Record<DemoUser, string>;
let treasury: FakeTreasury;
beforeAll(async () => {
  tokens = await demoCounty();
  treasury = await startFakeTreasury();
  process.env.TREASURY_URL = treasury.url;
});
afterAll(() => treasury.stop());

/** Each path records the application it brought to 公示, for the money side at the end. */
const inPublicity: { id: string; token: string; amountFen: number }[] = [];

describe('startup-grant: login → matches → apply (容缺) → supplement → L1 → L2 → publicity', () => {
  it('walks the whole path', async () => {
    const users = await call(devUsers, 'GET /v1/auth/dev-users');
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { id: string }) => u.id)).toContain('usr_wangxm01');

    const session = await call(login, 'POST /v1/auth/login', {
      body: { devUserId: 'usr_wangxm01' },
    });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      id: 'usr_wangxm01',
      role: 'applicant',
      subject: { kind: 'person', name: '王小明' },
    });
    expect(session.body.user.subject.code).toMatch(/^6207\*{10}\d{3}[\dX]$/); // ID number masked
    const token = session.body.token as string;

    const me = await call(getMe, 'GET /v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe('usr_wangxm01');

    const m = await call(matches, 'GET /v1/me/matches', { token });
    expect(m.status).toBe(200);
    expect(m.body.asOf).toMatch(/^2020-12-1[56]$/); // business date in Asia/Shanghai
    const grant = m.body.items.find((i: { policyId: string }) => i.policyId === 'startup-grant');
    expect(grant).toMatchObject({
      eligible: true,
      estimatedFen: 500_000,
      canApply: true,
      verdict: 'eligible',
    });
    expect(grant.explanation.conditions.length).toBeGreaterThan(1);
    expect(m.body.items.some((i: { eligible: boolean }) => !i.eligible)).toBe(true); // non-matched with reasons
    expect(
      m.body.items.every(
        (i: { explanation: { conditions: unknown[] } }) => i.explanation.conditions.length > 0,
      ),
    ).toBe(true);

    const created = await apply(token, 'startup-grant', STARTUP_ALL_BUT_OPTIONAL);
    expect(created).toMatchObject({
      status: 'pending_supplement',
      requestedFen: 500_000,
      capFen: 500_000,
      reviewLevels: 2,
    });
    // ten natural days on, the Shanghai day (the instant itself is UTC)
    expect(localDateOf(created.supplementDueAt)).toBe('2020-12-25');
    expect(
      created.materials.find((x: { materialId: string }) => x.materialId === 'operating_proof'),
    ).toMatchObject({ optional: true, provided: false });
    expect(created.timeline.map((e: { type: string }) => e.type)).toEqual([
      'ApplicationDrafted',
      'PayeeProvided',
      'ApplicationSubmitted',
      'SupplementRequested',
    ]);
    // the 社保卡 on file, confirmed when applying: masked in the detail and the timeline
    expect(created.account).toEqual({
      accountMasked: '****0030',
      bankName: '甘肃省农村信用社（社保卡）',
    });
    expect(created.timeline[1].text).toBe(
      '确认使用已登记的收款账户：甘肃省农村信用社（社保卡） ****0030',
    );
    expect(JSON.stringify(created)).not.toContain('6230270123456780030');
    const id = created.id as string;

    // 容缺 items wait for the schedule (byStatus), not in the review queue
    const lapsing = await listApplicationsByStatus(
      'pending_supplement',
      '2020-12-31T00:00:00.000Z',
    );
    expect(lapsing.items.map((a) => a.id)).toContain(id);
    const q0 = await call(queue, 'GET /v1/review/queue', { token: tokens.hrssl1 });
    expect(q0.body.items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(id);

    const sup = await call(supplement, 'POST /v1/applications/{id}/supplement', {
      token,
      params: { id },
      body: { materials: [upload('operating_proof')] },
      headers: { 'idempotency-key': idemKey('sup') },
    });
    expect(sup.status).toBe(200);
    expect(sup.body.status).toBe('submitted');
    expect(
      (await listApplicationsByStatus('pending_supplement')).items.map((a) => a.id),
    ).not.toContain(id);

    const q1 = await call(queue, 'GET /v1/review/queue', { token: tokens.hrssl1 });
    expect(q1.status).toBe(200);
    const item = q1.body.items.find((i: { applicationId: string }) => i.applicationId === id);
    expect(item).toMatchObject({
      status: 'submitted',
      canDecide: true,
      policyId: 'startup-grant',
      capFen: 500_000,
    });
    expect(item.sla.calendarKnown).toBe(true);
    expect(typeof item.slaWorkingDaysLeft).toBe('number');
    expect(item.applicant.code).not.toContain('19970315'); // masked in lists

    // level 2 cannot take the level-1 step
    const early = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl2,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(early.status).toBe(403);
    expect(early.body.error.details.reason).toBe('WRONG_LEVEL');

    const l1 = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl1,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(l1.status).toBe(200);
    expect(l1.body).toMatchObject({ status: 'review_l2', recommendedFen: 500_000 });

    const again = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl1,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(again.status).toBe(403); // now it waits for level 2

    const q2 = await call(queue, 'GET /v1/review/queue', {
      token: tokens.hrssl2,
      query: { status: 'review_l2' },
    });
    expect(
      q2.body.items.map((i: { applicationId: string; canDecide: boolean }) => [
        i.applicationId,
        i.canDecide,
      ]),
    ).toContainEqual([id, true]);

    const l2 = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl2,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(l2.status).toBe(200);
    expect(l2.body).toMatchObject({ status: 'publicity', approvedFen: 500_000 });
    expect(l2.body.publicityEndsAt).toBeDefined();

    // 公示: ready for the money side's close-publicity schedule
    const closing = await listApplicationsByStatus('publicity', '2021-01-31T00:00:00.000Z');
    expect(closing.items.map((a) => a.id)).toContain(id);
    const q3 = await call(queue, 'GET /v1/review/queue', { token: tokens.hrssl2 });
    expect(q3.body.items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(id);

    const detail = await call(getApplication, 'GET /v1/applications/{id}', {
      token,
      params: { id },
    });
    expect(detail.status).toBe(200);
    // the reviewer sees why the rules said yes, on the facts of the submission day
    const asReviewer = await call(getApplication, 'GET /v1/applications/{id}', {
      token: tokens.hrssl2,
      params: { id },
    });
    expect(asReviewer.body.explanation).toMatchObject({
      policyId: 'startup-grant',
      verdict: 'eligible',
      amountFen: 500_000,
    });
    expect(asReviewer.body.explanation.conditions.length).toBeGreaterThan(1);
    expect(asReviewer.body.explanation.conditions.every((c: { passed: boolean }) => c.passed)).toBe(
      true,
    );
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'ApplicationDrafted',
      'PayeeProvided',
      'ApplicationSubmitted',
      'SupplementRequested',
      'ApplicationSupplemented',
      'ReviewStarted',
      'ApplicationDecided',
      'ApplicationDecided',
      'PublicityStarted',
    ]);
    expect(detail.body.timeline.every((e: { text: string }) => e.text.length > 0)).toBe(true);

    // objection during 公示, by another applicant (公示 is public)
    const obj = await call(objection, 'POST /v1/applications/{id}/objection', {
      token: tokens.lixy01,
      params: { id },
      body: { text: '此人并非首次创业' },
    });
    expect(obj.status).toBe(201);
    // an outsider gets back their own objection only, never the application
    expect(obj.body).toMatchObject({ applicationId: id, text: '此人并非首次创业', status: 'open' });
    expect(obj.body.timeline).toBeUndefined();
    expect(obj.body.account).toBeUndefined(); // nor the receiving account, even masked
    const own = await call(getApplication, 'GET /v1/applications/{id}', { token, params: { id } });
    expect(own.body.objections).toHaveLength(1);

    // notices written with the transitions (submitted+容缺, supplemented, publicity)
    const notices = (await pendingNotices()).filter((r) => r.aggregate.id === id);
    expect(notices.map((r) => r.aggregate.version)).toEqual(expect.arrayContaining([2, 3]));
    expect(notices.some((r) => r.notice.status === '公示中')).toBe(true);

    // a second application for the same policy while this one is open → 409
    const dup = await call(
      (await import('../../../functions/http/create-application/handler')).handler,
      'POST /v1/applications',
      {
        token,
        body: { account: ON_FILE, policyId: 'startup-grant', materials: STARTUP_ALL_BUT_OPTIONAL },
      },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe('OPEN_APPLICATION');

    // 公示 cannot close while the objection is open: level 2 looks into it and dismisses it
    const objectionId = own.body.objections[0].id as string;
    const otherDepartment = await call(
      resolveObjection,
      'POST /v1/applications/{id}/objections/{objectionId}/resolve',
      {
        token: tokens.finl2,
        params: { id, objectionId },
        body: { upheld: false, note: '经核查属首次创业' },
      },
    );
    expect(otherDepartment.status).toBe(403);
    const resolved = await call(
      resolveObjection,
      'POST /v1/applications/{id}/objections/{objectionId}/resolve',
      {
        token: tokens.hrssl2,
        params: { id, objectionId },
        body: { upheld: false, note: '经核查属首次创业，异议不成立' },
      },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'publicity',
      objections: [{ id: objectionId, resolved: true, upheld: false }],
    });
    inPublicity.push({ id, token, amountFen: 500_000 });
  });
});

describe('hire-local (mode both, one level) → publicity', () => {
  it('applies, L1 approves up to the computed amount, cap enforced', async () => {
    const m = await call(matches, 'GET /v1/me/matches', { token: tokens.trading01 });
    const hire = m.body.items.find((i: { policyId: string }) => i.policyId === 'hire-local');
    expect(hire).toMatchObject({ eligible: true, mode: 'both', canApply: true });
    const created = await apply(
      tokens.trading01,
      'hire-local',
      HIRE_LOCAL_REQUIRED.concat([upload('insurance_proof')]),
    );
    expect(created.status).toBe('submitted');
    expect(created.requestedFen).toBe(hire.estimatedFen);
    const id = created.id as string;

    const over = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.finl1,
      params: { id },
      body: { kind: 'approve', amountFen: 20_000_001 },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('OVER_CAP');

    const ok = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.finl1,
      params: { id },
      body: { kind: 'approve', amountFen: hire.estimatedFen },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('publicity');

    const list = await call(listApplications, 'GET /v1/applications', { token: tokens.finl2 });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(id);
    inPublicity.push({ id, token: tokens.trading01, amountFen: hire.estimatedFen });
  });
});

describe('rent-waiver-state → publicity; withdraw; return → supplement; batch approve', () => {
  it('applies with the optional receipts missing, supplements, is approved in a batch', async () => {
    const created = await apply(tokens.eatery01, 'rent-waiver-state', RENT_REQUIRED);
    expect(created.status).toBe('pending_supplement');
    const id = created.id as string;
    const sup = await call(supplement, 'POST /v1/applications/{id}/supplement', {
      token: tokens.eatery01,
      params: { id },
      body: { materials: [upload('rent_receipts')] },
    });
    expect(sup.body.status).toBe('submitted');

    const back = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.finl1,
      params: { id },
      body: { kind: 'return', note: '租赁合同缺少备案页' },
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'returned', returnNote: '租赁合同缺少备案页' });
    const fixed = await call(supplement, 'POST /v1/applications/{id}/supplement', {
      token: tokens.eatery01,
      params: { id },
      body: { materials: [upload('lease_contract')] },
    });
    expect(fixed.body.status).toBe('submitted');

    const batch = await call(batchApprove, 'POST /v1/review/batch-approve', {
      token: tokens.finl1,
      body: { ids: [id, 'app_00000000000000000000000000'] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ approved: 1, failed: 1 });
    expect(batch.body.results[0]).toMatchObject({
      id,
      ok: true,
      status: 'publicity',
      amountFen: created.requestedFen,
    });
    expect(batch.body.results[1]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    inPublicity.push({ id, token: tokens.eatery01, amountFen: created.requestedFen });
  });
});

describe('then the schedules pay all three: 公示 ends → payable (budget reserved) → paid, once', () => {
  it('closes 公示 after it ends, disburses through the treasury, and each applicant sees 已到账', async () => {
    expect(inPublicity).toHaveLength(3);
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on'; // run the jobs "as of" after the 公示 ends
    const ends = await Promise.all(
      inPublicity.map(
        async (a) =>
          (
            await call(getApplication, 'GET /v1/applications/{id}', {
              token: a.token,
              params: { id: a.id },
            })
          ).body.publicityEndsAt as string,
      ),
    );
    const before = new Date(Date.parse(ends.sort()[0]!) - 60_000).toISOString();
    const after = new Date(Date.parse(ends.sort().at(-1)!) + 60_000).toISOString();

    expect(await closePublicityJob({ asOf: before })).toMatchObject({ applications: {} }); // not yet
    expect(await closePublicityJob({ asOf: after })).toMatchObject({
      applications: { payable: 3 },
    });
    // rent-waiver-state pays only in a 支付批次 approved by 财政局 level 2 (financeSignoff): parked until then
    expect(await disburseJob({ asOf: after })).toMatchObject({
      started: { sent: 2, awaiting_signoff: 1 },
    });
    const batch = await call(createPaymentBatch, 'POST /v1/admin/payment-batches', {
      token: tokens.admin01,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ itemCount: 1, totalFen: inPublicity[2]!.amountFen });
    const signedOff = await call(approvePaymentBatch, 'POST /v1/payment-batches/{id}/approve', {
      token: tokens.finl2,
      params: { id: batch.body.id },
      body: {},
    });
    expect(signedOff.status).toBe(200);
    expect(await disburseJob({ asOf: after })).toMatchObject({ started: { sent: 1 } });
    // a rerun of both jobs finds nothing left to do
    expect(await closePublicityJob({ asOf: after })).toMatchObject({ applications: {} });
    expect(await disburseJob({ asOf: after })).toMatchObject({ started: {} });

    for (const a of inPublicity) {
      const detail = await call(getApplication, 'GET /v1/applications/{id}', {
        token: a.token,
        params: { id: a.id },
      });
      expect(detail.body.status).toBe('paid');
      const payments = await call(listPayments, 'GET /v1/payments', { token: a.token });
      expect(payments.status).toBe(200);
      const paid = payments.body.items.filter((p: { itemId: string }) => p.itemId === a.id);
      expect(paid).toHaveLength(1);
      expect(paid[0]).toMatchObject({
        amountFen: a.amountFen,
        status: 'paid',
        accountMasked: expect.stringMatching(/^\*+\d{4}$/),
      });
      expect(treasury.paidFen(a.id)).toBe(a.amountFen); // the treasury executed it exactly once
    }
  });
});
