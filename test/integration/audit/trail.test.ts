/**
 * Issue 14, audit trail: an auditor follows one paid 免申即享 grant from its payment back to
 * the facts — the item, every step with who and when, the policy version and explanation, the
 * facts with their hash, the budget movements, the payment and the treasury's answers —
 * through the real handler on DynamoDB Local. Only auditors and admins may read it.
 */
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as trailHandler } from '../../../functions/http/get-audit-trail/handler';
import { factsOf, putFacts } from '../../../functions/repositories/facts';
import { getGrant } from '../../../functions/repositories/grants';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue } from '../../../functions/services/disburse';
import { now as clockNow } from '../../../functions/_lib/clock';
import { newId } from '../../../functions/_lib/new-id';
import type { GrantId } from '../../../shared/ids';
import type { AuditTrail } from '../../../shared/schemas/audit';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';
import {
  AS_OF,
  adminToken,
  applicantToken,
  daysAfter,
  enterpriseFacts,
  fakeTreasury,
  PAYEE,
  registerSubject,
  T_RUN,
  uscc,
} from '../money/support';

jest.setTimeout(180_000);

const TRAIL = 'GET /v1/audit/{kind}/{id}/trail';
const code = uscc(9501);
let fake: FakeTreasury;
let grantId: GrantId;
let paymentId: string;
let owner: string;
let auditor: string;

beforeAll(async () => {
  await freshTable();
  fake = await fakeTreasury('ok');
  await putFacts(enterpriseFacts(code, 'twelve'));
  await registerSubject(code);
  const run = await startRun(
    { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 1 },
    { now: T_RUN },
  );
  await processRun(run.id, { now: T_RUN });
  owner = (await applicantToken(code)).token;
  grantId = (await call(listGrantsHandler, 'GET /v1/grants', { token: owner })).body.items[0].id;
  const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
    token: owner,
    params: { id: grantId },
    body: PAYEE,
  });
  expect(confirmed.status).toBe(200);
  await closePublicityDue({ now: daysAfter(clockNow(), 6) });
  await disburseDue({ now: daysAfter(clockNow(), 7) });
  expect(await getGrant(grantId)).toMatchObject({ status: 'paid' });
  const payments = await paymentsOfItem(grantId);
  expect(payments).toHaveLength(1);
  paymentId = payments[0]?.id as string;
  auditor = (await signSession({ kind: 'auditor', userId: newId('user') }, new Date())).token;
});
afterAll(() => fake.stop());

describe('an auditor follows one paid grant from the payment to the facts', () => {
  let trail: AuditTrail;

  it('the payment leads to the grant it paid', async () => {
    const res = await call<AuditTrail>(trailHandler, TRAIL, {
      token: auditor,
      params: { kind: 'payment', id: paymentId },
    });
    expect(res.status).toBe(200);
    trail = res.body;
    expect(trail.item).toMatchObject({
      kind: 'grant',
      id: grantId,
      status: 'paid',
      department: 'finance',
      amountFen: 400_000,
      accountMasked: '****2222',
    });
    expect(trail.policy).toMatchObject({ id: 'hire-local', version: 1 });
  });

  it('the payment: its idempotency key, amount, and every answer of the treasury', () => {
    expect(trail.payments).toHaveLength(1);
    const p = trail.payments[0];
    expect(p).toMatchObject({
      id: paymentId,
      attempt: 1,
      idempotencyKey: `${grantId}:1`,
      amountFen: 400_000,
      status: 'paid',
      accountMasked: '****2222',
    });
    expect(typeof p?.treasuryRef).toBe('string');
    expect(p?.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['PaymentCreated', 'PaymentPaid']),
    );
  });

  it('every step of the grant, with who and when; the budget reserved then spent', () => {
    expect(trail.timeline.map((s) => s.type)).toEqual([
      'GrantDetected',
      'ConfirmationRequested',
      'GrantConfirmed',
      'PublicityStarted',
      'PublicityClosed',
      'PaymentRequested',
      'PaymentSettled',
    ]);
    for (const s of trail.timeline) {
      expect(s.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(s.by?.label).toBeTruthy();
      expect(s.label).toBeTruthy();
    }
    expect(trail.timeline[0]).toMatchObject({
      by: { kind: 'system', job: 'auto-grant' },
      amountFen: 400_000,
    });
    expect(trail.timeline[2]?.by).toMatchObject({ kind: 'applicant' });
    expect(trail.budget).toEqual([
      expect.objectContaining({ movement: 'reserved', amountFen: 400_000, fiscalYear: 2020 }),
      expect.objectContaining({ movement: 'spent', amountFen: 400_000, fiscalYear: 2020 }),
    ]);
    expect(trail.recoveries).toEqual([]);
    expect(trail.objections).toEqual([]);
  });

  it('the explanation and the facts with their hash, as of the run that found it', async () => {
    expect(trail.explanation).toMatchObject({
      policyId: 'hire-local',
      eligible: true,
      amountFen: 400_000,
      asOf: AS_OF,
    });
    expect(trail.explanation?.conditions.every((c) => c.passed)).toBe(true);
    // the facts frozen when the run found the grant (issue 14), their hash read back equal to it
    const grant = await getGrant(grantId);
    const stored = await factsOf(grant.subjectId);
    expect(grant.frozenFacts?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(trail.facts).toMatchObject({
      frozen: true,
      asOf: AS_OF,
      frozenHash: grant.frozenFacts?.hash,
      hash: grant.frozenFacts?.hash,
    });
    expect(trail.facts.records.map((r) => r.source).sort()).toEqual(
      stored.map((f) => f.source).sort(),
    );
    const text = JSON.stringify(trail);
    expect(text).not.toContain(PAYEE.accountNumber);
  });

  it('the grant and the payment give the same trail; admins read it too', async () => {
    const byGrant = await call(trailHandler, TRAIL, {
      token: auditor,
      params: { kind: 'grant', id: grantId },
    });
    expect(byGrant.status).toBe(200);
    expect(byGrant.body).toEqual(trail);
    const admin = await call(trailHandler, TRAIL, {
      token: await adminToken(),
      params: { kind: 'payment', id: paymentId },
    });
    expect(admin.status).toBe(200);
  });

  it('applicants and reviewers are refused; unknown ids are 404, bad kinds 400', async () => {
    const params = { kind: 'payment', id: paymentId };
    expect((await call(trailHandler, TRAIL, { params })).status).toBe(401);
    expect((await call(trailHandler, TRAIL, { token: owner, params })).status).toBe(403);
    const reviewer = (
      await signSession(
        { kind: 'reviewer', userId: newId('user'), department: 'finance', level: 2 },
        new Date(),
      )
    ).token;
    expect((await call(trailHandler, TRAIL, { token: reviewer, params })).status).toBe(403);
    const unknown = await call(trailHandler, TRAIL, {
      token: auditor,
      params: { kind: 'payment', id: 'pay_nope' },
    });
    expect(unknown.status).toBe(404);
    const mismatch = await call(trailHandler, TRAIL, {
      token: auditor,
      params: { kind: 'application', id: grantId },
    });
    expect(mismatch.status).toBe(404);
    const bad = await call(trailHandler, TRAIL, {
      token: auditor,
      params: { kind: 'loan', id: grantId },
    });
    expect(bad.status).toBe(400);
  });
});
