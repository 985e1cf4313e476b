/**
 * 政策沙盘 (issue #11) through the real handlers: a version tried over every subject's facts
 * reports eligible / ineligible / incomplete counts, the total and its distribution, the
 * conditions that fail most and the budget line; it writes nothing but its report, and its
 * figures equal a real auto-grant run's totals on the same facts. A draft with a lower cap
 * is compared with the published version before it: who loses, and how much.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { handler as createVersion } from '../../../functions/http/create-policy-version/handler';
import { handler as approveChange } from '../../../functions/http/approve-budget-change/handler';
import { handler as requestChange } from '../../../functions/http/request-budget-change/handler';
import { openPolicyBudgets } from '../../../functions/services/budget';
import { handler as getRun } from '../../../functions/http/get-run/handler';
import { handler as getSandbox } from '../../../functions/http/get-sandbox/handler';
import { handler as startRun } from '../../../functions/http/start-run/handler';
import { handler as startSandbox } from '../../../functions/http/start-sandbox/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { db, tableName } from '../../../functions/repositories/table';
import { marketRegistry } from '../../../shared/facts/examples';
import type { UserId } from '../../../shared/ids';
import { CATALOGUE } from '../../../shared/policies';
import { SandboxView } from '../../../shared/schemas/sandbox';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';
import { adminToken, applicantToken, AS_OF, hireFeed, uscc } from '../money/support';

jest.setTimeout(180_000);

async function countKinds(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({ TableName: tableName(), ExclusiveStartKey: startKey }),
    );
    for (const i of page.Items ?? []) {
      const k = String(i.kind ?? i.PK);
      out[k] = (out[k] ?? 0) + 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

async function waitForSandbox(token: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const res = await call(getSandbox, 'GET /v1/admin/policy-versions/{id}/sandbox/{runId}', {
      token,
      params: { id: 'hire-local', runId: id },
    });
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('sandbox did not finish');
}

async function waitForRun(token: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const res = await call(getRun, 'GET /v1/admin/runs/{id}', { token, params: { id } });
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run did not finish');
}

const sandbox = (token: string, body: unknown, id = 'hire-local') =>
  call(startSandbox, 'POST /v1/admin/policy-versions/{id}/sandbox', {
    token,
    params: { id },
    body,
  });

describe('政策沙盘 over every subject, equal to an auto-grant run', () => {
  let admin: string;
  let secondAdmin: string;
  let auditor: string;
  // 10 × ¥1,000, 10 × ¥4,000, 6 short hires and 4 large enterprises (ineligible), and
  // 3 enterprises the registry knows but no social-insurance feed yet (incomplete)
  const feed = hireFeed({ six: 10, twelve: 10, short: 6, large: 4 });
  const registryOnly = [901, 902, 903].map((n) => marketRegistry({ name: `企业${n}` }, uscc(n)));

  beforeAll(async () => {
    await freshTable();
    admin = await adminToken();
    secondAdmin = await adminToken();
    auditor = (
      await signSession({ kind: 'auditor', userId: 'usr_audit_sbx' as UserId }, new Date())
    ).token;
    await putFacts([...feed.facts, ...registryOnly]);
  });

  let report: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read freely by the assertions

  it('reports the counts, total, distribution, failing conditions and budget, writing nothing else', async () => {
    const before = await countKinds();
    const res = await sandbox(admin, { version: 1, asOf: AS_OF, totalSegments: 4 });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ policyId: 'hire-local', version: 1, asOf: AS_OF });
    expect(res.body.id).toMatch(/^run_sandbox~/);
    report = await waitForSandbox(admin, res.body.id);
    expect(SandboxView.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({
      status: 'completed',
      segmentsTotal: 4,
      segmentsDone: 4,
      subjectsScanned: 33,
      counts: {
        subjects: 33,
        eligible: 20,
        payable: 20,
        ineligible: 10,
        incomplete: 3,
        zeroAmount: 0,
        errors: 0,
      },
      totalFen: 10 * 100_000 + 10 * 400_000,
      averageFen: 250_000,
      budget: {
        fiscalYear: 2021,
        allocatedFen: 500_000_000,
        committedFen: 0,
        remainingFen: 500_000_000,
        covers: true,
        shortfallFen: 0,
        source: 'document',
      },
    });
    expect(report.comparison).toBeUndefined(); // version 1 has no version before it
    const bucket = (toFen: number) =>
      (report.distribution as { toFen?: number; count: number }[]).find((b) => b.toFen === toFen)
        ?.count;
    expect(bucket(100_000)).toBe(10); // (¥500, ¥1,000]
    expect(bucket(500_000)).toBe(10); // (¥2,000, ¥5,000]
    expect((report.distribution as { count: number }[]).reduce((s, b) => s + b.count, 0)).toBe(20);
    // every condition is counted: the 6 short hires and the 4 large enterprises (whose hires
    // are short too) fail stable_local_hires, the 4 large ones fail sme as well
    expect(report.failingConditions).toEqual([
      expect.objectContaining({ id: 'stable_local_hires', count: 10 }),
      expect.objectContaining({ id: 'sme', count: 4 }),
    ]);
    expect(report.failingConditions[0].label).toMatch(/[\u4e00-\u9fff]/);

    // nothing but the run and its segments was written
    const after = await countKinds();
    expect(after).toEqual({ ...before, run: 1, 'run-segment': 4 });
  });

  it('its figures equal a real auto-grant run on the same facts', async () => {
    const res = await call(startRun, 'POST /v1/admin/runs', {
      token: admin,
      body: { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 3 },
    });
    expect(res.status).toBe(202);
    const run = await waitForRun(admin, res.body.id);
    expect(run.status).toBe('completed');
    expect(run.totals.grantsCreated).toBe(report.counts.payable);
    expect(run.totals.grantedFen).toBe(report.totalFen);
    expect(run.totals.skipped.ineligible ?? 0).toBe(report.counts.ineligible);
    expect(run.totals.skipped.incomplete ?? 0).toBe(report.counts.incomplete);
    expect(run.totals.skipped.zero_amount ?? 0).toBe(report.counts.zeroAmount);
    expect(run.totals.evaluations).toBe(report.counts.subjects);
  });

  it('compares a draft with the version before it: who loses, and how much', async () => {
    const v1 = CATALOGUE.find((p) => p.id === 'hire-local');
    if (!v1) throw new Error('hire-local seed missing');
    // a cap of ¥2,000 per enterprise: the 10 with ¥4,000 lose ¥2,000 each
    const draft = await call(createVersion, 'POST /v1/admin/policy-versions/{id}', {
      token: admin,
      params: { id: 'hire-local' },
      body: { document: { ...v1, capFen: 200_000 } },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });

    const res = await sandbox(admin, { version: 2, asOf: AS_OF });
    expect(res.status).toBe(202);
    const r = await waitForSandbox(admin, res.body.id);
    expect(r).toMatchObject({
      status: 'completed',
      versionStatus: 'draft',
      counts: { payable: 20, ineligible: 10, incomplete: 3 },
      totalFen: 20 * 100_000 + 10 * 100_000,
      comparison: {
        baselineVersion: 1,
        baselinePayable: 20,
        baselineTotalFen: 5_000_000,
        gainers: 0,
        gainedFen: 0,
        losers: 10,
        lostFen: 10 * 200_000,
        newlyEligible: 0,
        noLongerEligible: 0,
        netFen: -2_000_000,
      },
    });
    // the auditor reads the report too
    const seen = await call(getSandbox, 'GET /v1/admin/policy-versions/{id}/sandbox/{runId}', {
      token: auditor,
      params: { id: 'hire-local', runId: res.body.id },
    });
    expect(seen.status).toBe(200);
    expect(seen.body.totalFen).toBe(r.totalFen);
  });

  it('says when the budget line does not cover the total, and by how much', async () => {
    await openPolicyBudgets();
    // the 2021 line cut down to ¥40,000 by an approved cut (one admin requests, another approves)
    const cut = await call(requestChange, 'POST /v1/admin/budget-changes', {
      token: admin,
      body: {
        kind: 'cut',
        policyId: 'hire-local',
        fiscalYear: 2021,
        amountFen: 500_000_000 - 4_000_000,
        reason: '年中预算调整',
        documentNo: '高财预〔2021〕7号',
      },
    });
    expect(cut.status).toBe(201);
    const approved = await call(approveChange, 'POST /v1/admin/budget-changes/{id}/approve', {
      token: secondAdmin,
      params: { id: (cut.body as { id: string }).id },
    });
    expect(approved.status).toBe(200);

    const res = await sandbox(admin, { version: 1, asOf: AS_OF });
    expect(res.status).toBe(202);
    const r = await waitForSandbox(admin, res.body.id);
    expect(r.totalFen).toBe(5_000_000);
    expect(r.budget).toEqual({
      fiscalYear: 2021,
      allocatedFen: 4_000_000,
      committedFen: 0,
      remainingFen: 4_000_000,
      covers: false,
      shortfallFen: 1_000_000,
      source: 'line',
    });
  });

  it('refuses non-admins, unknown versions and bad input with the right statuses', async () => {
    const { token: applicant } = await applicantToken(feed.codes[0]!.code);
    expect((await sandbox(applicant, { version: 1 })).status).toBe(403);
    expect((await sandbox(auditor, { version: 1 })).status).toBe(403);
    const missing = await sandbox(admin, { version: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect((await sandbox(admin, { version: 0 })).status).toBe(400);
    expect((await sandbox(admin, { version: 1, asOf: '2021-02-30' })).status).toBe(400);
    expect((await sandbox(admin, { version: 1 }, 'no-such-policy')).status).toBe(404);
    const bad = await call(getSandbox, 'GET /v1/admin/policy-versions/{id}/sandbox/{runId}', {
      token: admin,
      params: { id: 'hire-local', runId: 'run_123' },
    });
    expect(bad.status).toBe(400);
    const none = await call(getSandbox, 'GET /v1/admin/policy-versions/{id}/sandbox/{runId}', {
      token: admin,
      params: { id: 'hire-local', runId: 'run_sandbox~nope' },
    });
    expect(none.status).toBe(404);
  });
});
