/**
 * Issue #16, completion as the seeds count it ("516 should be waived, 71 done, 6.55%"): facts
 * for 12 enterprises of which 6 are eligible for 吸纳本县劳动力就业奖补 (3 × ¥1,000, 3 × ¥4,000),
 * 2 of the ¥4,000 ones paid. Before any population is counted the seeds' rate is unknown (null,
 * never 0%); after the nightly count GET /v1/admin/stats gives 2/6 by count and ¥8,000/¥15,000
 * by amount beside today's rate (paid ÷ approved); a count interrupted mid-way resumes from its
 * checkpoints to the same figures, and running the job again changes nothing. The admin route
 * recounts one policy now; a reviewer or an applicant is refused.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { handler as refreshHandler } from '../../../functions/http/refresh-population/handler';
import { handler as countersHandler } from '../../../functions/queue/stats-counters/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { findPopulation } from '../../../functions/repositories/population';
import { findRun } from '../../../functions/repositories/runs';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue } from '../../../functions/services/disburse';
import { countPopulations, nightlyPopulationRunId } from '../../../functions/services/population';
import { now as clockNow } from '../../../functions/_lib/clock';
import { streamReader } from '../../../infra/local/notice-stream';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { policyIdOf } from '../../../shared/auto-grant';
import { localDateOf, instantOf } from '../../../shared/calendar';
import type { Fact } from '../../../shared/facts';
import type { UserId } from '../../../shared/ids';
import { findPolicy } from '../../../shared/policies';
import { StatsView, type PolicyStats } from '../../../shared/schemas/admin';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';
import {
  adminToken,
  applicantToken,
  daysAfter,
  enterpriseFacts,
  fakeTreasury,
  hireFeed,
  PAYEE,
  registerSubject,
  uscc,
} from './support';

jest.setTimeout(240_000);

/** The feed's facts, its social-insurance records valid through the test's date (2020-12-15). */
const validThisYear = (facts: readonly Fact[]): Fact[] =>
  facts.map((f) =>
    f.source === 'social_insurance' ? { ...f, period: { from: '2020-01-01', to: null } } : f,
  );

const stats = async () => {
  const res = await call(statsHandler, 'GET /v1/admin/stats', { token: await adminToken() });
  expect(res.status).toBe(200);
  expect(StatsView.safeParse(res.body).success).toBe(true);
  return res.body as StatsView;
};
const hireLocal = (v: StatsView) => {
  const s = v.items.find((i) => i.policyId === 'hire-local');
  if (!s) throw new Error('hire-local is not on the dashboard');
  return s;
};

describe('completion as the seeds count it (issue #16)', () => {
  let fake: FakeTreasury;
  let reader: Awaited<ReturnType<typeof streamReader>>;
  // 3 × ¥1,000 and 3 × ¥4,000 eligible; 4 short hires and 2 large enterprises not
  const feed = hireFeed({ six: 3, twelve: 3, short: 4, large: 2 });
  const T = clockNow();
  const today = localDateOf(instantOf(T));

  beforeAll(async () => {
    await freshTable({ stream: true }); // read from its stream
    fake = await fakeTreasury('ok');
    reader = await streamReader({
      endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      tableName: process.env.TABLE_NAME ?? '',
      handler: (e: { Records: DynamoDBRecord[] }) => countersHandler(e),
      from: 'TRIM_HORIZON',
    });
    await putFacts(validThisYear(feed.facts));
    for (const { code } of feed.codes) await registerSubject(code);
    // the 免申即享 run grants the 6 eligible; two ¥4,000 ones confirm and are paid
    const run = await startRun({ policyIds: ['hire-local'], totalSegments: 2 }, { now: T });
    expect((await processRun(run.id, { now: T })).totals.grantsCreated).toBe(6);
    const twelves = feed.codes.filter((c) => c.profile === 'twelve').slice(0, 2);
    for (const [i, { code }] of twelves.entries()) {
      const { token } = await applicantToken(code);
      const list = await call(listGrantsHandler, 'GET /v1/grants', { token });
      expect(list.status).toBe(200);
      const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
        token,
        params: { id: list.body.items[0].id as string },
        headers: { 'idempotency-key': `completion-confirm-${String(i)}` },
        body: PAYEE,
      });
      expect(confirmed.status).toBe(200);
    }
    expect((await closePublicityDue({ now: daysAfter(T, 6) })).grants).toEqual({ payable: 2 });
    expect((await disburseDue({ now: daysAfter(T, 7) })).started).toEqual({ sent: 2 });
    await reader.poll();
  });
  afterAll(() => fake.stop());

  it('before any population is counted the seeds’ rate is unknown (null), never 0%', async () => {
    const s = hireLocal(await stats());
    expect(s).toMatchObject({ paid: 2, approved: 2, paidFen: 800_000, completionRateBp: 10_000 });
    expect(s.seedsCompletion).toBeNull();
  });

  it('a count interrupted mid-way stores nothing; run again it resumes and gives 2/6 by count and ¥8,000/¥15,000 by amount', async () => {
    const stop = new AbortController();
    const first = await countPopulations({
      now: T,
      pageSize: 2,
      segmentConcurrency: 1,
      signal: stop.signal,
      hooks: { afterCheckpoint: () => stop.abort() },
    });
    expect(first).toMatchObject({ status: 'running', saved: 0 });
    expect(await findPopulation(policyIdOf('hire-local'))).toBeUndefined();
    expect(hireLocal(await stats()).seedsCompletion).toBeNull();

    const second = await countPopulations({ now: T });
    expect(second).toMatchObject({
      runId: nightlyPopulationRunId(today),
      status: 'completed',
      unchanged: 0,
      errors: 0,
    });
    expect(second.saved).toBe(second.policies);
    // the resumed run read every subject once: its scans add up to the 12 enterprises
    expect((await findRun(second.runId))?.totals.subjectsScanned).toBe(12);

    const view = await stats();
    const s = hireLocal(view);
    expect(s.seedsCompletion).toEqual({
      asOf: today,
      version: 1,
      computedAt: expect.any(String),
      shouldCount: 6,
      shouldFen: 3 * 100_000 + 3 * 400_000,
      doneCount: 2,
      doneFen: 800_000,
      countRateBp: 3333, // 2 ÷ 6 = 33.333…%
      amountRateBp: 5333, // 8,000 ÷ 15,000 = 53.333…%
    });
    // today's rate beside it: paid ÷ approved
    expect(s.completionRateBp).toBe(10_000);
    // the department sums its policies' populations and payments (all have one now)
    const department = findPolicy('hire-local')?.department;
    const mine = view.items.filter((i) => findPolicy(i.policyId)?.department === department);
    const dept = view.departments?.find((d) => d.department === department);
    const sum = (f: (c: NonNullable<PolicyStats['seedsCompletion']>) => number) =>
      mine.reduce((n, i) => n + (i.seedsCompletion ? f(i.seedsCompletion) : 0), 0);
    expect(dept?.seedsCompletion).toMatchObject({
      policies: mine.length,
      shouldCount: sum((c) => c.shouldCount),
      shouldFen: sum((c) => c.shouldFen),
      doneCount: sum((c) => c.doneCount),
      doneFen: sum((c) => c.doneFen),
    });
    expect(dept?.seedsCompletion?.doneCount).toBe(2);
  });

  it('running the job again changes nothing', async () => {
    const before = hireLocal(await stats()).seedsCompletion;
    const again = await countPopulations({ now: T });
    expect(again).toMatchObject({ status: 'completed', saved: 0 });
    expect(again.unchanged).toBe(again.policies);
    expect(hireLocal(await stats()).seedsCompletion).toEqual(before);
  });

  it('an admin recounts one policy now: the newer count replaces the nightly one', async () => {
    // a seventh enterprise becomes eligible (¥1,000) after the nightly count
    await putFacts(validThisYear(enterpriseFacts(uscc(50), 'six')));
    const before = hireLocal(await stats()).seedsCompletion;
    const res = await call(refreshHandler, 'POST /v1/admin/stats/{id}/population', {
      token: await adminToken(),
      params: { id: 'hire-local' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      policyId: 'hire-local',
      version: 1,
      asOf: today,
      status: 'completed',
      count: 7,
      amountFen: 1_600_000,
      subjectsScanned: 13,
    });
    const after = hireLocal(await stats()).seedsCompletion;
    expect(after).toMatchObject({ shouldCount: 7, shouldFen: 1_600_000, doneCount: 2 });
    expect(after?.countRateBp).toBe(2857); // 2 ÷ 7 = 28.571…%
    expect(after?.amountRateBp).toBe(5000); // 8,000 ÷ 16,000
    expect((after?.computedAt ?? '') > (before?.computedAt ?? '')).toBe(true);
    // the nightly job run again that day does not put its older count back
    expect((await countPopulations({ now: T })).saved).toBe(0);
    expect(hireLocal(await stats()).seedsCompletion).toEqual(after);
  });

  it('refuses a reviewer and an applicant (403), an unknown policy (404)', async () => {
    const reviewer = (
      await signSession(
        { kind: 'reviewer', userId: 'usr_cmpl_rev' as UserId, department: 'hrss', level: 1 },
        new Date(),
      )
    ).token;
    const { token: applicant } = await applicantToken(feed.codes[0]?.code ?? '');
    for (const token of [reviewer, applicant]) {
      const res = await call(refreshHandler, 'POST /v1/admin/stats/{id}/population', {
        token,
        params: { id: 'hire-local' },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const unknown = await call(refreshHandler, 'POST /v1/admin/stats/{id}/population', {
      token: await adminToken(),
      params: { id: 'no-such-policy' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });
});
