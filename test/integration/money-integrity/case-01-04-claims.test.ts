/**
 * Issue #10, cases 1–4, through the real handlers on DynamoDB Local: one benefit, one amount,
 * one payment.
 *
 * The fixtures are hire-local enterprises (mode `both`, one review level, benefit period
 * `once`): 'twelve' has two local hires stable ≥ 12 months, so the rules compute ¥4,000
 * against a cap of ¥200,000 — the figures of case 2.
 *
 * What each case showed before: a 免申即享 grant and an application for the same benefit
 * both accepted (1); requestedFen up to the cap and batch approval paying it (2); a paid
 * one-off benefit applied for again (3); six parallel submits making six open applications,
 * the "one open application" check reading an eventually consistent index (4).
 */
import { randomBytes } from 'node:crypto';
import { handler as createApplicationHandler } from '../../../functions/http/create-application/handler';
import { handler as decideHandler } from '../../../functions/http/decide-application/handler';
import { handler as batchApproveHandler } from '../../../functions/http/batch-approve/handler';
import { handler as getApplicationHandler } from '../../../functions/http/get-application/handler';
import { handler as withdrawHandler } from '../../../functions/http/withdraw-application/handler';
import { handler as objectHandler } from '../../../functions/http/object-application/handler';
import { handler as resolveObjectionHandler } from '../../../functions/http/resolve-objection/handler';
import { handler as listPaymentsHandler } from '../../../functions/http/list-payments/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as listMatchesHandler } from '../../../functions/http/list-matches/handler';
import { handler as startRunHandler } from '../../../functions/http/start-run/handler';
import { handler as getRunHandler } from '../../../functions/http/get-run/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { handler as supplementExpiryJob } from '../../../functions/schedule/supplement-expiry/handler';
import { fakeUpload } from '../../support/upload-store';
import { signSession } from '../../support/session';
import { findClaim } from '../../../functions/repositories/claims';
import { putFacts } from '../../../functions/repositories/facts';
import {
  findGrantRecord,
  listGrantsBySubject,
  putPayeeOnFile,
  saveGrant,
} from '../../../functions/repositories/grants';
import { listApplicationsBySubject } from '../../../functions/repositories/applications';
import { putSubject, subjectIdOf } from '../../../functions/repositories/subjects';
import { policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import { makeNewId, type SubjectId, type UserId } from '../../../shared/ids';
import { cancel as cancelGrant } from '../../../shared/lifecycle/grant';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { employee, employerInsurance, marketRegistry } from '../../../shared/facts/examples';
import type { Fact } from '../../../shared/facts';
import { adminToken, applicantToken, daysAfter, fakeTreasury, T_RUN, uscc } from '../money/support';

// DynamoDB Local on 2 shared cores: generous.
jest.setTimeout(180_000);

const HIRE_LOCAL = policyIdOf('hire-local');
/** 'twelve': 2 local hires × ¥2,000 — what the rules compute; the policy's cap is ¥200,000. */
const COMPUTED_FEN = 400_000;
const CAP_FEN = 20_000_000;
const BUSINESS_DATE = '2020-12-15';

const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });
const key = () => `claims-${randomBytes(8).toString('hex')}`;
/** Every hire-local material, so the application goes straight to `submitted`. */
const allMaterials = () =>
  ['hire_roster', 'labour_contracts', 'insurance_proof'].map((materialId) =>
    fakeUpload(materialId),
  );
/** Only the required ones: 容缺, `pending_supplement`. */
const requiredMaterials = () =>
  ['hire_roster', 'labour_contracts'].map((materialId) => fakeUpload(materialId));

type Enterprise = { code: string; subjectId: SubjectId; token: string; name: string };
let serial = 9100;

/**
 * Facts in force on the business date (2020-12-15): two local 2020 hires stable 12 months
 * (2 × ¥2,000) and a non-local one (not counted) — the rules compute ¥4,000.
 */
function hireLocalFacts(code: string, name: string): Fact[] {
  return [
    marketRegistry({ name, size: 'small' }, code),
    employerInsurance(
      {
        employees: [
          employee({ personId: `${code}-1`, consecutiveMonths: 12, hiredOn: '2020-01-02' }),
          employee({ personId: `${code}-2`, consecutiveMonths: 12, hiredOn: '2020-01-15' }),
          employee({
            personId: `${code}-3`,
            consecutiveMonths: 12,
            hiredOn: '2020-01-15',
            local: false,
          }),
        ],
        contributionYear: 2020,
      },
      code,
      { from: '2020-01-01', to: null },
    ),
  ];
}

/** A registered enterprise with its feed facts, optionally an account on file, and an applicant session. */
async function enterprise(o: { payee?: boolean } = {}): Promise<Enterprise> {
  const code = uscc(serial++, 'MC');
  const name = `高台县理赔测试${serial}有限公司`;
  await putSubject({
    id: subjectIdOf(code),
    kind: 'enterprise',
    name,
    uscc: code,
    size: 'small',
    regionCode: '620724',
  });
  await putFacts(hireLocalFacts(code, name));
  if (o.payee)
    await putPayeeOnFile(
      subjectIdOf(code),
      {
        accountName: name,
        bankName: '甘肃银行高台支行',
        accountNumber: `62284801${String(serial).padStart(11, '0')}`,
      },
      instantOf(T_RUN),
    );
  const { token, subjectId } = await applicantToken(code);
  return { code, subjectId, token, name };
}

function apply(e: Enterprise, body: Record<string, unknown> = {}, materials = allMaterials()) {
  return call(createApplicationHandler, 'POST /v1/applications', {
    token: e.token,
    // every application names its receiving account (case 5): here a new corporate account in the enterprise's name
    body: {
      policyId: 'hire-local',
      materials,
      account: {
        source: 'new',
        accountName: e.name,
        bankName: '甘肃银行高台支行',
        accountNumber: `6228480${e.code.replace(/\D/g, '').slice(-12)}`,
      },
      ...body,
    },
    headers: { 'idempotency-key': key() },
  });
}

async function applied(
  e: Enterprise,
  body: Record<string, unknown> = {},
  materials = allMaterials(),
) {
  const res = await apply(e, body, materials);
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string; requestedFen: number; entitlementFen: number };
}

let finance1: string;
let admin: string;
let fake: FakeTreasury;

beforeAll(async () => {
  await freshTable();
  fake = await fakeTreasury('ok');
  finance1 = (
    await signSession(
      { kind: 'reviewer', userId: newId('user'), department: 'finance', level: 1 },
      new Date(),
    )
  ).token;
  admin = await adminToken();
  process.env.SCHEDULE_CLOCK_OVERRIDE = 'on'; // the jobs run "as of" after 公示 or 容缺 ends
});
afterAll(async () => {
  delete process.env.SCHEDULE_CLOCK_OVERRIDE;
  await fake.stop();
});

const decide = (id: string, body: Record<string, unknown>, token = finance1) =>
  call(decideHandler, 'POST /v1/applications/{id}/decision', {
    token,
    params: { id },
    body,
    headers: { 'idempotency-key': key() },
  });

async function autoGrantRun(): Promise<{
  status: string;
  totals: { grantsCreated: number; skipped: Record<string, number> };
}> {
  const started = await call(startRunHandler, 'POST /v1/admin/runs', {
    token: admin,
    body: { asOf: BUSINESS_DATE, policyIds: ['hire-local'], totalSegments: 2 },
  });
  expect(started.status).toBe(202);
  for (let i = 0; i < 400; i++) {
    const res = await call(getRunHandler, 'GET /v1/admin/runs/{id}', {
      token: admin,
      params: { id: started.body.id },
    });
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run did not finish');
}

/** 公示 over, then the hourly and the disburse jobs, as of a day after it ends. */
async function closeAndPay(): Promise<void> {
  const after = daysAfter(T_RUN, 8).toISOString();
  await closePublicityJob({ asOf: after });
  await disburseJob({ asOf: after });
}

const claimOf = (e: Enterprise) =>
  findClaim({ policyId: HIRE_LOCAL, subjectId: e.subjectId, period: 'once' });

describe('case 1: a `both` policy pays a benefit once, by a 免申即享 grant or by an application', () => {
  let granted: Enterprise;

  it('case 1: a 免申即享 grant holds the benefit → applying for it is 409 ALREADY_CLAIMED', async () => {
    granted = await enterprise();
    const run = await autoGrantRun();
    expect(run.status).toBe('completed');
    expect(run.totals.grantsCreated).toBe(1);
    const grants = await call(listGrantsHandler, 'GET /v1/grants', { token: granted.token });
    expect(grants.status).toBe(200);
    expect(grants.body.items).toHaveLength(1);
    expect(grants.body.items[0]).toMatchObject({ policyId: 'hire-local', amountFen: COMPUTED_FEN });
    expect(await claimOf(granted)).toMatchObject({
      holder: { kind: 'grant', id: grants.body.items[0].id },
    });

    const matches = await call(listMatchesHandler, 'GET /v1/me/matches', { token: granted.token });
    expect(matches.status).toBe(200);
    expect(
      matches.body.items.find((m: { policyId: string }) => m.policyId === 'hire-local'),
    ).toMatchObject({ eligible: true, canApply: false });
    const res = await apply(granted);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'DUPLICATE',
      details: { reason: 'ALREADY_CLAIMED', holderKind: 'grant' },
    });
    expect((await listApplicationsBySubject(granted.subjectId)).items).toHaveLength(0);
  });

  it('case 1: an application holds the benefit → the auto-grant run skips the subject (already_claimed), no grant, and a rerun skips it again', async () => {
    const applicant = await enterprise();
    const app = await applied(applicant);
    expect(await claimOf(applicant)).toMatchObject({ holder: { kind: 'application', id: app.id } });

    const run = await autoGrantRun();
    expect(run.status).toBe('completed');
    expect(run.totals.grantsCreated).toBe(0);
    expect(run.totals.skipped).toMatchObject({ already_claimed: 1, already_granted: 1 });
    expect((await listGrantsBySubject(applicant.subjectId)).items).toHaveLength(0);

    const rerun = await autoGrantRun();
    expect(rerun.status).toBe('completed');
    expect(rerun.totals.grantsCreated).toBe(0);
    expect(rerun.totals.skipped).toMatchObject({ already_claimed: 1, already_granted: 1 });
    expect((await listGrantsBySubject(applicant.subjectId)).items).toHaveLength(0);
    expect(await claimOf(applicant)).toMatchObject({ holder: { kind: 'application', id: app.id } });
  });

  it('release: a cancelled grant gives the benefit back, and the subject may then apply', async () => {
    const [grant] = (await listGrantsBySubject(granted.subjectId)).items;
    const record = await findGrantRecord(grant!.id);
    expect(record?.grant.status).toBe('awaiting_confirmation');
    const adminActor = { kind: 'admin' as const, userId: newId('user') as UserId };
    const t = cancelGrant(
      record!.grant,
      { reason: '企业放弃免申即享，改为依申请' },
      adminActor,
      instantOf(new Date()),
    );
    await saveGrant(t.next, t.events, record!.grant.version);
    expect(await claimOf(granted)).toBeUndefined();
    const app = await applied(granted);
    expect(await claimOf(granted)).toMatchObject({ holder: { kind: 'application', id: app.id } });
  });
});

describe('case 2: the amount is the rules’ amount, not the cap', () => {
  it('case 2: requestedFen above the computed amount → 422 with computedFen; batch approve pays the computed amount, to the fen', async () => {
    const e = await enterprise({ payee: true });
    const over = await apply(e, { requestedFen: CAP_FEN });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: 'OVER_CAP',
      details: {
        reason: 'OVER_ENTITLEMENT',
        computedFen: COMPUTED_FEN,
        capFen: CAP_FEN,
        limitFen: COMPUTED_FEN,
      },
    });
    expect(await claimOf(e)).toBeUndefined(); // refused: nothing written

    const app = await applied(e);
    expect(app).toMatchObject({
      status: 'submitted',
      requestedFen: COMPUTED_FEN,
      entitlementFen: COMPUTED_FEN,
    });

    // a reviewer cannot approve above it either
    const tooMuch = await decide(app.id, { kind: 'approve', amountFen: CAP_FEN });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details).toMatchObject({
      reason: 'OVER_ENTITLEMENT',
      computedFen: COMPUTED_FEN,
      limitFen: COMPUTED_FEN,
    });

    const batch = await call(batchApproveHandler, 'POST /v1/review/batch-approve', {
      token: finance1,
      body: { ids: [app.id] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ approved: 1, failed: 0 });
    expect(batch.body.results[0]).toMatchObject({
      id: app.id,
      ok: true,
      status: 'publicity',
      amountFen: COMPUTED_FEN,
    });
    const detail = await call(getApplicationHandler, 'GET /v1/applications/{id}', {
      token: e.token,
      params: { id: app.id },
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'publicity', approvedFen: COMPUTED_FEN });

    await closeAndPay();
    const paid = await call(getApplicationHandler, 'GET /v1/applications/{id}', {
      token: e.token,
      params: { id: app.id },
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    const payments = await call(listPaymentsHandler, 'GET /v1/payments', { token: e.token });
    expect(payments.status).toBe(200);
    expect(
      payments.body.items
        .filter((p: { itemId: string }) => p.itemId === app.id)
        .map((p: { amountFen: number; status: string }) => [p.amountFen, p.status]),
    ).toEqual([[COMPUTED_FEN, 'paid']]);
    expect(fake.paidFen(app.id)).toBe(COMPUTED_FEN);
  });

  it('case 2: a reviewer lowers the amount only with a reason, and the timeline shows it', async () => {
    const e = await enterprise();
    const app = await applied(e);
    const silent = await decide(app.id, { kind: 'approve', amountFen: 300_000 });
    expect(silent.status).toBe(400);
    expect(silent.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'REASON_REQUIRED' },
    });

    const lowered = await decide(app.id, {
      kind: 'approve',
      amountFen: 300_000,
      reason: '花名册中1人劳动合同未实际履行',
    });
    expect(lowered.status).toBe(200);
    expect(lowered.body).toMatchObject({ status: 'publicity', approvedFen: 300_000 });
    const detail = await call(getApplicationHandler, 'GET /v1/applications/{id}', {
      token: e.token,
      params: { id: app.id },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.timeline.map((x: { text: string }) => x.text)).toContain(
      '一级审核通过，核定金额 ¥3,000.00（核减理由：花名册中1人劳动合同未实际履行）',
    );
  });
});

describe('case 3: a paid one-off benefit is paid once', () => {
  it('case 3: a paid hire subsidy cannot be applied for again (409 ALREADY_CLAIMED)', async () => {
    const e = await enterprise({ payee: true });
    const app = await applied(e);
    expect((await decide(app.id, { kind: 'approve', amountFen: COMPUTED_FEN })).status).toBe(200);
    await closeAndPay();
    const paid = await call(getApplicationHandler, 'GET /v1/applications/{id}', {
      token: e.token,
      params: { id: app.id },
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    // the app no longer offers it
    const matches = await call(listMatchesHandler, 'GET /v1/me/matches', { token: e.token });
    expect(matches.status).toBe(200);
    expect(
      matches.body.items.find((m: { policyId: string }) => m.policyId === 'hire-local'),
    ).toMatchObject({ eligible: true, canApply: false });

    const again = await apply(e);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'DUPLICATE',
      details: { reason: 'ALREADY_CLAIMED', holderKind: 'application', holderId: app.id },
    });
    expect((await listApplicationsBySubject(e.subjectId)).items).toHaveLength(1);
    expect(await claimOf(e)).toMatchObject({ holder: { kind: 'application', id: app.id } }); // a paid item keeps its claim
  });
});

describe('case 4: parallel submits', () => {
  it('case 4: six parallel submits with different Idempotency-Keys → one 201, five 409, one application', async () => {
    const e = await enterprise();
    const results = await Promise.all(Array.from({ length: 6 }, () => apply(e)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe('DUPLICATE');
      expect(['ALREADY_CLAIMED', 'OPEN_APPLICATION']).toContain(r.body.error.details.reason);
    }
    const winner = results.find((r) => r.status === 201)!.body.id as string;
    const stored = (await listApplicationsBySubject(e.subjectId)).items;
    expect(stored.map((a) => a.id)).toEqual([winner]);
    expect(await claimOf(e)).toMatchObject({ holder: { kind: 'application', id: winner } });
  });
});

describe('release: an application that ends without paying frees the benefit', () => {
  it('release: a rejected application frees the claim; a new application is then accepted', async () => {
    const e = await enterprise();
    const first = await applied(e);
    const rejected = await decide(first.id, { kind: 'reject', reason: '劳动合同与社保记录不一致' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(await claimOf(e)).toBeUndefined();
    const second = await applied(e);
    expect(second.status).toBe('submitted');
    expect(await claimOf(e)).toMatchObject({ holder: { kind: 'application', id: second.id } });
  });

  it('release: a withdrawn application frees the claim; a new application is then accepted', async () => {
    const e = await enterprise();
    const first = await applied(e);
    const withdrawn = await call(withdrawHandler, 'POST /v1/applications/{id}/withdraw', {
      token: e.token,
      params: { id: first.id },
      body: { reason: '材料有误，重新申请' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await claimOf(e)).toBeUndefined();
    const second = await applied(e);
    expect(await claimOf(e)).toMatchObject({ holder: { kind: 'application', id: second.id } });
  });

  it('release: a 容缺 lapse (supplement-expiry job) frees the claim', async () => {
    const e = await enterprise();
    const first = await applied(e, {}, requiredMaterials());
    expect(first.status).toBe('pending_supplement');
    await supplementExpiryJob({ asOf: daysAfter(T_RUN, 11).toISOString() });
    const lapsed = await call(getApplicationHandler, 'GET /v1/applications/{id}', {
      token: e.token,
      params: { id: first.id },
    });
    expect(lapsed.status).toBe(200);
    expect(lapsed.body.status).toBe('rejected');
    expect(await claimOf(e)).toBeUndefined();
    expect((await apply(e)).status).toBe(201);
  });

  it('release: an objection upheld during 公示 frees the claim', async () => {
    const e = await enterprise();
    const objector = await enterprise();
    const app = await applied(e);
    expect((await decide(app.id, { kind: 'approve', amountFen: COMPUTED_FEN })).status).toBe(200);
    const objected = await call(objectHandler, 'POST /v1/applications/{id}/objection', {
      token: objector.token,
      params: { id: app.id },
      body: { text: '该企业新增人员并非本县劳动力' },
    });
    // The objector gets back their own objection only (cases 7, 8), with its id.
    expect(objected.status).toBe(201);
    const objectionId = objected.body.id as string;
    const upheld = await call(
      resolveObjectionHandler,
      'POST /v1/applications/{id}/objections/{objectionId}/resolve',
      {
        token: finance1,
        params: { id: app.id, objectionId },
        body: { upheld: true, note: '经核查异议属实' },
      },
    );
    expect(upheld.status).toBe(200);
    expect(upheld.body.status).toBe('rejected');
    expect(await claimOf(e)).toBeUndefined();
  });
});
