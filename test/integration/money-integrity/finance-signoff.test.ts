/**
 * Issue #10 finance sign-off (支付批次): a policy with `financeSignoff` (rent-waiver-state, the
 * rent refunded from the county treasury) pays only items in a batch approved by a 财政局
 * level-2 reviewer who decided none of its items. Through the real handlers and the real
 * disburse job, on DynamoDB Local, against the fake treasury.
 */
import { handler as approveHandler } from '../../../functions/http/approve-payment-batch/handler';
import { handler as createHandler } from '../../../functions/http/create-payment-batch/handler';
import { handler as getHandler } from '../../../functions/http/get-payment-batch/handler';
import { handler as listHandler } from '../../../functions/http/list-payment-batches/handler';
import { handler as rejectHandler } from '../../../functions/http/reject-payment-batch/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { signSession } from '../../support/session';
import {
  findApplication,
  listApplicationsByStatus,
  saveApplication,
} from '../../../functions/repositories/applications';
import { getGrant, putPayeeOnFile, saveGrant } from '../../../functions/repositories/grants';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { openBudget } from '../../../functions/repositories/ledger';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import {
  getBatch,
  listReleasingBatches,
  parkForSignoff,
  saveBatchDecision,
} from '../../../functions/repositories/payment-batches';
import { approveBatch, MAX_BATCH_ITEMS } from '../../../shared/lifecycle/payment-batch';
import { mapLimit } from '../../../functions/services/retry';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, PolicyId, UserId } from '../../../shared/ids';
import {
  decide,
  draftApplication,
  submit,
  type Application,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
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
  T_RUN,
  uscc,
} from '../money/support';

// ~12 s alone; the full run shares 2 cores with the 1,000,000-row feed stream and the package build
jest.setTimeout(240_000);

const disburse = async (at: Date) => await disburseJob({ asOf: at.toISOString() });

const SIGNOFF = policyIdOf('rent-waiver-state');
const OTHER = policyIdOf('hire-local');
const L1 = {
  kind: 'reviewer' as const,
  userId: 'usr_FINL1' as UserId,
  department: 'finance' as const,
  level: 1 as const,
};
/** a 财政局 level-2 reviewer who decides (level 2) the first sign-off application */
const DECIDER = {
  kind: 'reviewer' as const,
  userId: 'usr_FINL2DECIDER' as UserId,
  department: 'finance' as const,
  level: 2 as const,
};

/** An application through the real lifecycle to 公示 (ends 5 days after T_RUN), decided at two levels, account on file. */
async function applicationInPublicity(
  n: number,
  policyId: PolicyId,
  amount: number,
  l2 = DECIDER,
): Promise<Application> {
  const subjectId = subjectIdOf(uscc(n));
  const applicant = { kind: 'applicant' as const, userId: `usr_A${n}` as UserId, subjectId };
  const now = instantOf(T_RUN);
  const d = draftApplication(
    {
      id: `app_FS${n}` as ApplicationId,
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
    },
    applicant,
    now,
  );
  const s = submit(d.next, {}, applicant, now);
  const a1 = decide(s.next, { kind: 'approve', amountFen: fen(amount) }, L1, now);
  const a2 = decide(a1.next, { kind: 'approve', amountFen: fen(amount) }, l2, now);
  const events: ApplicationEvent[] = [...d.events, ...s.events, ...a1.events, ...a2.events];
  await saveApplication(a2.next, events, 'new');
  await putPayeeOnFile(subjectId, PAYEE, now);
  return a2.next;
}

const reviewerToken = async (userId: string, department: 'finance' | 'hrss', level: 1 | 2) =>
  (await signSession({ kind: 'reviewer', userId: userId as UserId, department, level }, new Date()))
    .token;

describe('finance sign-off: 支付批次', () => {
  let fake: FakeTreasury;
  let admin: string;
  let decider: string;
  let approver: string;
  let financeL1: string;
  let hrssL2: string;
  let applicant: string;
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await freshTable();
    await openBudget(SIGNOFF, 2020, fen(10_000_000));
    await openBudget(OTHER, 2020, fen(10_000_000));
    fake = await fakeTreasury('ok');
    admin = await adminToken();
    decider = await reviewerToken(DECIDER.userId, 'finance', 2);
    approver = await reviewerToken('usr_FINL2APPROVER', 'finance', 2);
    financeL1 = await reviewerToken(L1.userId, 'finance', 1);
    hrssL2 = await reviewerToken('usr_HRSSL2', 'hrss', 2);
    applicant = (await applicantToken(uscc(1))).token;
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });

  it('items of a sign-off policy are paid only after a finance L2 reviewer who decided none of them approves the batch', async () => {
    const a = await applicationInPublicity(1, SIGNOFF, 150_000);
    const b = await applicationInPublicity(2, SIGNOFF, 90_000, {
      ...DECIDER,
      userId: 'usr_FINL2OTHER' as UserId,
    });
    const other = await applicationInPublicity(3, OTHER, 100_000);
    expect(await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() })).toMatchObject({
      applications: { payable: 3 },
    });

    // Before any batch: the other policy's item is paid; the sign-off items are parked, the treasury executes nothing for them.
    const first = await disburse(daysAfter(T_RUN, 7));
    expect(first.started).toMatchObject({ awaiting_signoff: 2, sent: 1 });
    expect(await findApplication(other.id)).toMatchObject({ status: 'paid' });
    for (const x of [a, b]) {
      expect(await findApplication(x.id)).toMatchObject({ status: 'payable' });
      expect(fake.paidFen(x.id)).toBe(0);
      expect(await paymentsOfItem(x.id)).toHaveLength(0);
    }
    // Parked out of the due index: the next run does not even look at them.
    const second = await disburse(daysAfter(T_RUN, 7));
    expect(second.examined).toBe(0);

    // Only an admin creates a batch.
    for (const token of [applicant, approver]) {
      expect(
        (
          await call(createHandler, 'POST /v1/admin/payment-batches', {
            token,
            body: { policyId: 'rent-waiver-state' },
          })
        ).status,
      ).toBe(403);
    }
    const created = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      policyId: 'rent-waiver-state',
      status: 'pending_approval',
      statusLabel: '待财政审批',
      itemCount: 2,
      totalFen: 240_000,
      version: 1,
    });
    expect(created.body.id).toMatch(/^bat_/);
    expect(created.body.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    for (const item of created.body.items)
      expect(item).toMatchObject({
        kind: 'application',
        accountMasked: '****2222',
        bankName: PAYEE.bankName,
      });
    expect(JSON.stringify(created.body)).not.toContain(PAYEE.accountNumber);
    expect(JSON.stringify(created.body)).not.toContain(DECIDER.userId);
    const id = created.body.id as string;

    // Who reads: admins and finance L2; not other departments, finance L1 or applicants.
    const listed = await call(listHandler, 'GET /v1/admin/payment-batches', {
      token: approver,
      query: { status: 'pending_approval' },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id, itemCount: 2, totalFen: 240_000 }),
    ]);
    expect(
      (await call(listHandler, 'GET /v1/admin/payment-batches', { token: admin })).status,
    ).toBe(200);
    for (const token of [hrssL2, financeL1, applicant]) {
      expect((await call(listHandler, 'GET /v1/admin/payment-batches', { token })).status).toBe(
        403,
      );
      expect(
        (await call(getHandler, 'GET /v1/admin/payment-batches/{id}', { token, params: { id } }))
          .status,
      ).toBe(403);
    }
    const seenByDecider = await call(getHandler, 'GET /v1/admin/payment-batches/{id}', {
      token: decider,
      params: { id },
    });
    expect(seenByDecider.status).toBe(200);
    expect(seenByDecider.body).toMatchObject({ id, canDecide: false });
    const seenByApprover = await call(getHandler, 'GET /v1/admin/payment-batches/{id}', {
      token: approver,
      params: { id },
    });
    expect(seenByApprover.status).toBe(200);
    expect(seenByApprover.body).toMatchObject({ id, canDecide: true });
    expect(
      (
        await call(getHandler, 'GET /v1/admin/payment-batches/{id}', {
          token: admin,
          params: { id: 'bat_NOSUCHBATCH' },
        })
      ).status,
    ).toBe(404);

    // Four eyes: the finance L2 reviewer who decided one of its items is refused.
    const refused = await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
      token: decider,
      params: { id },
      body: {},
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'FOUR_EYES' },
    });
    for (const [token, reason] of [
      [financeL1, 'WRONG_LEVEL'],
      [hrssL2, 'NOT_FINANCE'],
    ] as const) {
      const r = await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
        token,
        params: { id },
        body: {},
      });
      expect(r.status).toBe(403);
      expect(r.body.error.details).toMatchObject({ reason });
    }
    for (const token of [applicant, admin]) {
      expect(
        (
          await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
            token,
            params: { id },
            body: {},
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(rejectHandler, 'POST /v1/payment-batches/{id}/reject', {
            token,
            params: { id },
            body: { reason: '不同意' },
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
          token: approver,
          params: { id: 'bat_NOSUCHBATCH' },
          body: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
          token: approver,
          params: { id: 'not-a-batch' },
          body: {},
        })
      ).status,
    ).toBe(400);
    // still unpaid
    expect((await disburse(daysAfter(T_RUN, 7))).examined).toBe(0);
    expect(fake.paidFen(a.id) + fake.paidFen(b.id)).toBe(0);

    // Another finance L2 reviewer approves; the next disburse pays every item once.
    const approved = await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
      token: approver,
      params: { id },
      body: { note: '同意拨付' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      id,
      status: 'approved',
      statusLabel: '已批准拨付',
      decisionNote: '同意拨付',
      canDecide: false,
      version: 2,
    });
    expect(
      (
        await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
          token: approver,
          params: { id },
          body: {},
        })
      ).status,
    ).toBe(409);
    const paid = await disburse(daysAfter(T_RUN, 7));
    expect(paid.started).toMatchObject({ sent: 2 });
    for (const [x, amount] of [
      [a, 150_000],
      [b, 90_000],
    ] as const) {
      expect(await findApplication(x.id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
      expect(fake.paidFen(x.id)).toBe(amount);
      expect(await paymentsOfItem(x.id)).toHaveLength(1);
    }
    await disburse(daysAfter(T_RUN, 8));
    expect(fake.paidFen(a.id)).toBe(150_000);
    expect(fake.paidFen(b.id)).toBe(90_000);
  });

  it('a rejected batch frees its items for a new batch; an item is in one open batch only', async () => {
    const c = await applicationInPublicity(11, SIGNOFF, 60_000);
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    expect((await disburse(daysAfter(T_RUN, 7))).started).toMatchObject({ awaiting_signoff: 1 });

    const first = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ itemCount: 1, totalFen: 60_000 });
    const again = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(again.status).toBe(422);
    expect(again.body.error.details).toMatchObject({ reason: 'NOTHING_TO_BATCH' });

    const noReason = await call(rejectHandler, 'POST /v1/payment-batches/{id}/reject', {
      token: approver,
      params: { id: first.body.id },
      body: { reason: ' ' },
    });
    expect(noReason.status).toBe(400);
    const rejected = await call(rejectHandler, 'POST /v1/payment-batches/{id}/reject', {
      token: approver,
      params: { id: first.body.id },
      body: { reason: '收款账户需核实' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      statusLabel: '已退回',
      decisionNote: '收款账户需核实',
    });
    expect(
      (
        await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
          token: approver,
          params: { id: first.body.id },
          body: {},
        })
      ).status,
    ).toBe(409);
    expect(await disburse(daysAfter(T_RUN, 7))).toMatchObject({ examined: 0 });
    expect(fake.paidFen(c.id)).toBe(0);

    const second = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      itemCount: 1,
      totalFen: 60_000,
      items: [expect.objectContaining({ id: c.id })],
    });
    expect(second.body.id).not.toBe(first.body.id);
    const byStatus = await call(listHandler, 'GET /v1/admin/payment-batches', {
      token: admin,
      query: { status: 'rejected' },
    });
    expect(byStatus.status).toBe(200);
    expect(byStatus.body.items.map((x: { id: string }) => x.id)).toEqual([first.body.id]);
    expect(
      (
        await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
          token: decider,
          params: { id: second.body.id },
          body: {},
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
          token: approver,
          params: { id: second.body.id },
          body: {},
        })
      ).status,
    ).toBe(200);
    await disburse(daysAfter(T_RUN, 7));
    expect(await findApplication(c.id)).toMatchObject({ status: 'paid' });
    expect(fake.paidFen(c.id)).toBe(60_000);
  });

  it('a 免申即享 grant of the policy has no human decider: it waits for a batch too, and any finance L2 may approve it', async () => {
    const t = detectGrant(
      {
        policyId: SIGNOFF,
        policyVersion: 1,
        subjectId: subjectIdOf(uscc(31)),
        period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
        department: 'finance',
        amountFen: fen(45_000),
        capFen: fen(15_000_000),
        publicityDays: 5,
        payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
    expect(await closeGrantPublicity(t.next.id, instantOf(daysAfter(T_RUN, 6)))).toBe('payable');
    expect((await disburse(daysAfter(T_RUN, 7))).started).toMatchObject({ awaiting_signoff: 1 });
    expect(await getGrant(t.next.id)).toMatchObject({ status: 'payable' });

    const created = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      itemCount: 1,
      totalFen: 45_000,
      items: [expect.objectContaining({ kind: 'grant', id: t.next.id, accountMasked: '****2222' })],
    });
    const approved = await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
      token: decider,
      params: { id: created.body.id },
      body: {},
    });
    expect(approved.status).toBe(200);
    await disburse(daysAfter(T_RUN, 7));
    expect(await getGrant(t.next.id)).toMatchObject({ status: 'paid' });
    expect(fake.paidFen(t.next.id)).toBe(45_000);
  });

  it('an approval that crashed before its items were back in the due index is finished by the next disburse; parking is race-safe', async () => {
    const d = await applicationInPublicity(21, SIGNOFF, 70_000);
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    const loaded = (await findApplication(d.id))!;
    // two disburse runs racing to park the same item both see it parked
    expect(await parkForSignoff('application', d.id, loaded.version, SIGNOFF)).toBe(true);
    expect(await parkForSignoff('application', d.id, loaded.version, SIGNOFF)).toBe(true);
    expect(await parkForSignoff('application', d.id, loaded.version - 1, SIGNOFF)).toBe(false);
    expect((await disburse(daysAfter(T_RUN, 7))).examined).toBe(0);

    const created = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(created.status).toBe(201);
    // the approval is saved, then the process dies before the item is put back in the due index
    const b = await getBatch(created.body.id);
    const approver2 = {
      kind: 'reviewer' as const,
      userId: 'usr_FINL2APPROVER' as UserId,
      department: 'finance' as const,
      level: 2 as const,
    };
    const t = approveBatch(b, {}, approver2, instantOf(T_RUN));
    await saveBatchDecision(t.next, t.events, b.version);
    expect((await listReleasingBatches()).map((x) => x.id)).toEqual([b.id]);

    await disburse(daysAfter(T_RUN, 7));
    expect(await listReleasingBatches()).toEqual([]);
    expect(await findApplication(d.id)).toMatchObject({ status: 'paid', paymentAttempt: 1 });
    expect(fake.paidFen(d.id)).toBe(70_000);
  });

  it('200 sign-off items due first do not starve a payable item of another policy: it is paid in the first run', async () => {
    const template = await applicationInPublicity(41, SIGNOFF, 10_000);
    // copies in 公示 like the template (ending with it), each with its own account: closing 公示 reserves their budget
    const waiting = Array.from({ length: 200 }, (_, i): Application => ({
      ...template,
      id: `app_FS0WAIT${String(i).padStart(4, '0')}` as ApplicationId,
      subjectId: subjectIdOf(uscc(50_000 + i)),
      payee: PAYEE,
    }));
    await mapLimit(waiting, 16, (a) => saveApplication(a, [], 'new'));
    const other = await applicationInPublicity(42, OTHER, 100_000);
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    // the sign-off items stand in front of the other one in the due index
    const due = await listApplicationsByStatus(
      'payable',
      daysAfter(T_RUN, 7).toISOString(),
      undefined,
      100,
    );
    expect(due.items[0]?.id).toMatch(/^app_FS0WAIT/);
    expect(due.items.map((a) => a.id)).not.toContain(other.id);

    const run = await disburse(daysAfter(T_RUN, 7));
    expect(await findApplication(other.id)).toMatchObject({ status: 'paid' });
    expect(fake.paidFen(other.id)).toBe(100_000);
    expect(run.started).toMatchObject({ awaiting_signoff: 201, sent: 1 });
    expect(fake.paidFen('app_FS0WAIT')).toBe(0);
    // parked, out of the due index: the next run looks at nothing
    expect((await disburse(daysAfter(T_RUN, 7))).examined).toBe(0);
    // a batch takes at most MAX_BATCH_ITEMS; the rest go into the next one
    const first = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(first.status).toBe(201);
    expect(first.body.itemCount).toBe(MAX_BATCH_ITEMS);
    const rest = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(createHandler, 'POST /v1/admin/payment-batches', {
        token: admin,
        body: { policyId: 'rent-waiver-state' },
      });
      if (r.status === 422) break;
      expect(r.status).toBe(201);
      rest.push(r.body.itemCount as number);
    }
    expect(first.body.itemCount + rest.reduce((x, y) => x + y, 0)).toBe(201);
    for (const id of [first.body.id]) {
      expect(
        (
          await call(approveHandler, 'POST /v1/payment-batches/{id}/approve', {
            token: approver,
            params: { id },
            body: {},
          })
        ).status,
      ).toBe(200);
    }
    const paid = await disburse(daysAfter(T_RUN, 7));
    expect(paid.started).toMatchObject({ sent: MAX_BATCH_ITEMS });
    expect(paid.examined).toBe(MAX_BATCH_ITEMS);
  });

  it('creating a batch when nothing is payable, or for a policy without sign-off, is a 422; bad input a 400', async () => {
    const none = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'rent-waiver-state' },
    });
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      details: { reason: 'NOTHING_TO_BATCH' },
    });
    const noSignoff = await call(createHandler, 'POST /v1/admin/payment-batches', {
      token: admin,
      body: { policyId: 'hire-local' },
    });
    expect(noSignoff.status).toBe(422);
    expect(noSignoff.body.error.details).toMatchObject({ reason: 'NO_SIGNOFF_REQUIRED' });
    expect(
      (
        await call(createHandler, 'POST /v1/admin/payment-batches', {
          token: admin,
          body: { policyId: 'no-such-policy' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(createHandler, 'POST /v1/admin/payment-batches', { token: admin, body: {} }))
        .status,
    ).toBe(400);
    expect(
      (
        await call(listHandler, 'GET /v1/admin/payment-batches', {
          token: admin,
          query: { status: 'nope' },
        })
      ).status,
    ).toBe(400);
  });
});
