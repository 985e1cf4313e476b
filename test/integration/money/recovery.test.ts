/**
 * 追回 (recovery) of paid items (issue #10), through the real handlers: opened by an admin
 * with a reason and an amount ≤ what was paid; recovered → the money is back in the budget
 * line; or written off (核销). The stats show outstanding and written-off recoveries. An
 * auditor may open one too (an audit finding) but not close it; the owner sees it in the
 * application's detail.
 */
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { handler as detailHandler } from '../../../functions/http/get-application/handler';
import { handler as openHandler } from '../../../functions/http/open-recovery/handler';
import { handler as recoveredHandler } from '../../../functions/http/record-recovery/handler';
import { handler as writeOffHandler } from '../../../functions/http/write-off-recovery/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { findApplication } from '../../../functions/repositories/applications';
import { getGrant, putPayeeOnFile } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { recoveryTimeline } from '../../../functions/repositories/recoveries';
import { signSession } from '../../support/session';
import { instantOf } from '../../../shared/calendar';
import type { UserId } from '../../../shared/ids';
import type { RecoveryId } from '../../../shared/lifecycle/recovery';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { AMOUNT, applicationInPublicity, payableGrant, policyId } from './payables-support';
import { adminToken, applicantToken, daysAfter, fakeTreasury, PAYEE, T_RUN, uscc } from './support';

jest.setTimeout(180_000);

const OPEN = 'POST /v1/admin/payables/{kind}/{id}/recovery';

describe('追回: recovery of a paid item', () => {
  let fake: FakeTreasury;
  let admin: string;
  let appId: string;
  let grantId: string;
  let auditedGrantId: string;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await freshTable();
    await openBudget(policyId, 2020, fen(100 * AMOUNT));
    fake = await fakeTreasury('ok');
    admin = await adminToken();
    const a = await applicationInPublicity(201);
    await putPayeeOnFile(a.subjectId, PAYEE, instantOf(T_RUN));
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    const g = await payableGrant(202);
    const audited = await payableGrant(204);
    await disburseJob({ asOf: daysAfter(T_RUN, 7).toISOString() });
    expect(await findApplication(a.id)).toMatchObject({ status: 'paid' });
    expect(await getGrant(g.id)).toMatchObject({ status: 'paid' });
    appId = a.id;
    grantId = g.id;
    expect(await getGrant(audited.id)).toMatchObject({ status: 'paid' });
    auditedGrantId = audited.id;
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });

  const hireLocal = async () => {
    const res = await call(statsHandler, 'GET /v1/admin/stats', { token: admin });
    expect(res.status).toBe(200);
    return res.body.items.find((p: { policyId: string }) => p.policyId === 'hire-local');
  };

  it('opens a recovery on a paid application (amount ≤ paid, reason required), once', async () => {
    const { token: applicant } = await applicantToken(uscc(201));
    const params = { kind: 'application', id: appId };
    expect(
      (
        await call(openHandler, OPEN, {
          token: applicant,
          params,
          body: { amountFen: 1, reason: '核查' },
        })
      ).status,
    ).toBe(403);
    const over = await call(openHandler, OPEN, {
      token: admin,
      params,
      body: { amountFen: AMOUNT + 1, reason: '审计发现重复享受' },
    });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toMatchObject({ reason: 'OVER_PAID', paidFen: AMOUNT });
    expect(
      (await call(openHandler, OPEN, { token: admin, params, body: { amountFen: AMOUNT } })).status,
    ).toBe(400);
    expect(
      (
        await call(openHandler, OPEN, {
          token: admin,
          params,
          body: { amountFen: 0, reason: '审计' },
        })
      ).status,
    ).toBe(400);
    const opened = await call(openHandler, OPEN, {
      token: admin,
      params,
      body: { amountFen: 60_000, reason: '审计发现多报招用人数' },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      itemKind: 'application',
      itemId: appId,
      status: 'open',
      statusLabel: '追回中',
      paidFen: AMOUNT,
      amountFen: 60_000,
    });
    expect(
      (
        await call(openHandler, OPEN, {
          token: admin,
          params,
          body: { amountFen: 1_000, reason: '再次追回' },
        })
      ).status,
    ).toBe(409);
    expect(await hireLocal()).toMatchObject({
      recoveries: {
        outstanding: 1,
        outstandingFen: 60_000,
        recoveredFen: 0,
        writtenOff: 0,
        writtenOffFen: 0,
      },
    });
  });

  it("the owner sees the open 追回 in the application detail (status, amount, reason); the department's reviewer too; a stranger gets 404", async () => {
    const { token: owner } = await applicantToken(uscc(201));
    const detail = await call(detailHandler, 'GET /v1/applications/{id}', {
      token: owner,
      params: { id: appId },
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'paid',
      recovery: {
        status: 'open',
        statusLabel: '追回中',
        amountFen: 60_000,
        reason: '审计发现多报招用人数',
      },
    });
    expect(detail.body.recovery.openedAt).toEqual(expect.any(String));
    expect(detail.body.recovery).not.toHaveProperty('closedAt');
    const reviewer = (
      await signSession(
        { kind: 'reviewer', userId: 'usr_rev000201' as UserId, department: 'finance', level: 1 },
        new Date(),
      )
    ).token;
    const staff = await call(detailHandler, 'GET /v1/applications/{id}', {
      token: reviewer,
      params: { id: appId },
    });
    expect(staff.status).toBe(200);
    expect(staff.body.recovery).toMatchObject({ status: 'open', amountFen: 60_000 });
    const { token: stranger } = await applicantToken(uscc(209));
    const other = await call(detailHandler, 'GET /v1/applications/{id}', {
      token: stranger,
      params: { id: appId },
    });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('追回');
  });

  it('recovered: the money returns to the budget line, in the same transaction; recorded once', async () => {
    const before = await getBudget(policyId, 2020);
    const id = `rcv_application~${appId}` as RecoveryId;
    expect(
      (
        await call(recoveredHandler, 'POST /v1/admin/recoveries/{id}/recovered', {
          token: admin,
          params: { id },
          body: {},
        })
      ).status,
    ).toBe(400);
    const done = await call(recoveredHandler, 'POST /v1/admin/recoveries/{id}/recovered', {
      token: admin,
      params: { id },
      body: { note: '已缴回，缴款书 2020-0012' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'recovered', closeNote: '已缴回，缴款书 2020-0012' });
    const after = await getBudget(policyId, 2020);
    expect(after!.paidFen - before!.paidFen).toBe(-60_000);
    expect(after!.remainingFen - before!.remainingFen).toBe(60_000);
    expect(after!.totalFen).toBe(after!.remainingFen + after!.reservedFen + after!.paidFen);
    expect(
      (
        await call(recoveredHandler, 'POST /v1/admin/recoveries/{id}/recovered', {
          token: admin,
          params: { id },
          body: { note: '再登记' },
        })
      ).status,
    ).toBe(409);
    expect(await getBudget(policyId, 2020)).toEqual(after);
    expect((await recoveryTimeline(id)).map((e) => [e.type, e.by.kind])).toEqual([
      ['RecoveryOpened', 'admin'],
      ['RecoveryRecovered', 'admin'],
    ]);
    expect(await hireLocal()).toMatchObject({
      recoveries: { outstanding: 0, outstandingFen: 0, recoveredFen: 60_000 },
    });
  });

  it('written off (核销) with a reason: the budget line is unchanged; the stats show it; only paid items can be recovered', async () => {
    const opened = await call(openHandler, OPEN, {
      token: admin,
      params: { kind: 'grant', id: grantId },
      body: { amountFen: AMOUNT, reason: '异议成立，拨付后撤销' },
    });
    expect(opened.status).toBe(201);
    const before = await getBudget(policyId, 2020);
    const id = opened.body.id as string;
    expect(
      (
        await call(writeOffHandler, 'POST /v1/admin/recoveries/{id}/write-off', {
          token: admin,
          params: { id },
          body: { reason: ' ' },
        })
      ).status,
    ).toBe(400);
    const off = await call(writeOffHandler, 'POST /v1/admin/recoveries/{id}/write-off', {
      token: admin,
      params: { id },
      body: { reason: '企业已注销，无法追回' },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ status: 'written_off', statusLabel: '已核销' });
    expect(await getBudget(policyId, 2020)).toEqual(before);
    expect(await hireLocal()).toMatchObject({
      recoveries: { writtenOff: 1, writtenOffFen: AMOUNT, outstanding: 0 },
    });
    expect(
      (
        await call(writeOffHandler, 'POST /v1/admin/recoveries/{id}/write-off', {
          token: admin,
          params: { id: 'rcv_grant~nope' },
          body: { reason: '核销' },
        })
      ).status,
    ).toBe(404);
    // an item not paid yet cannot be recovered
    const unpaid = await payableGrant(203);
    expect(
      (
        await call(openHandler, OPEN, {
          token: admin,
          params: { kind: 'grant', id: unpaid.id },
          body: { amountFen: 1, reason: '审计' },
        })
      ).status,
    ).toBe(409);
  });

  it("an auditor opens a recovery; closing it (recovered, written off) stays an admin's; applicants and reviewers cannot open one", async () => {
    const auditor = (
      await signSession({ kind: 'auditor', userId: 'usr_aud000001' as UserId }, new Date())
    ).token;
    const reviewer = (
      await signSession(
        { kind: 'reviewer', userId: 'usr_rev000202' as UserId, department: 'finance', level: 2 },
        new Date(),
      )
    ).token;
    const { token: applicant } = await applicantToken(uscc(204));
    const params = { kind: 'grant', id: auditedGrantId };
    const body = { amountFen: 30_000, reason: '审计发现重复享受' };
    for (const token of [applicant, reviewer]) {
      const refused = await call(openHandler, OPEN, { token, params, body });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    const opened = await call(openHandler, OPEN, { token: auditor, params, body });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      itemKind: 'grant',
      itemId: auditedGrantId,
      status: 'open',
      amountFen: 30_000,
    });
    const id = opened.body.id as RecoveryId;
    const recorded = await call(recoveredHandler, 'POST /v1/admin/recoveries/{id}/recovered', {
      token: auditor,
      params: { id },
      body: { note: '已缴回' },
    });
    expect(recorded.status).toBe(403);
    const off = await call(writeOffHandler, 'POST /v1/admin/recoveries/{id}/write-off', {
      token: auditor,
      params: { id },
      body: { reason: '无法追回' },
    });
    expect(off.status).toBe(403);
    expect((await recoveryTimeline(id)).map((e) => [e.type, e.by.kind])).toEqual([
      ['RecoveryOpened', 'auditor'],
    ]);
    // a second person, an admin, closes it
    const done = await call(recoveredHandler, 'POST /v1/admin/recoveries/{id}/recovered', {
      token: admin,
      params: { id },
      body: { note: '已缴回，缴款书 2020-0031' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'recovered' });
  });

  it("the owner's detail shows the 追回 closed (已追回, with its date) without the operator's note", async () => {
    const { token: owner } = await applicantToken(uscc(201));
    const detail = await call(detailHandler, 'GET /v1/applications/{id}', {
      token: owner,
      params: { id: appId },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.recovery).toMatchObject({
      status: 'recovered',
      statusLabel: '已追回',
      amountFen: 60_000,
      closedAt: expect.any(String),
    });
    expect(JSON.stringify(detail.body)).not.toContain('缴款书');
  });
});
