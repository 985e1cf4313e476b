/**
 * Issue #16: the dashboard counters' backfill, POST /v1/admin/stats/{id}/recount, through the
 * real handlers. Over data written while no stream reader counted (a first deploy over existing
 * data, the local demo) the counters are empty; the recount makes them equal a count of every
 * application and grant, a second recount changes nothing, the stream's records of those
 * writes replayed afterwards count nothing, and a write after the recount is counted once.
 */
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { handler as recountHandler } from '../../../functions/http/recount-counters/handler';
import { handler as countersHandler } from '../../../functions/queue/stats-counters/handler';
import { listApplicationsByPolicies } from '../../../functions/repositories/applications';
import {
  countersOf,
  countersRev,
  countOnce,
  replaceCounters,
} from '../../../functions/repositories/counters';
import { putFacts } from '../../../functions/repositories/facts';
import { grantKeysOfPolicy } from '../../../functions/repositories/grants';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { streamReader } from '../../../infra/local/notice-stream';
import { policyIdOf } from '../../../shared/auto-grant';
import type { PolicyId, UserId } from '../../../shared/ids';
import { countersFrom, type Counted } from '../../../shared/stats-counters';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';
import {
  adminToken,
  applicantToken,
  AS_OF,
  hireFeed,
  PAYEE,
  registerSubject,
  T_RUN,
} from './support';

jest.setTimeout(180_000);

const HIRE = policyIdOf('hire-local');
const feed = hireFeed({ six: 2, twelve: 3, short: 2 });

/** What the counters should be: every grant and application of the policy, read whole. */
async function expected(): Promise<Record<string, number>> {
  const items: Counted[] = (await grantKeysOfPolicy(HIRE)).map((g) => ({
    kind: 'grant',
    policyId: HIRE,
    status: g.status,
    slaStartAt: g.detectedAt,
  }));
  const apps = await listApplicationsByPolicies([HIRE], { limit: 100 });
  for (const a of apps.items)
    items.push({
      kind: 'application',
      policyId: HIRE,
      status: a.status,
      ...(a.decidedAt ? { slaStartAt: a.decidedAt } : {}),
    });
  return countersFrom(items);
}

/** The counters as stored, without the names that went back to 0. */
const stored = async () =>
  Object.fromEntries(Object.entries(await countersOf(HIRE)).filter(([, n]) => n !== 0));

const recount = async (token: string, id = 'hire-local') =>
  call(recountHandler, 'POST /v1/admin/stats/{id}/recount', { token, params: { id } });

const hireLocalStats = async () => {
  const res = await call(statsHandler, 'GET /v1/admin/stats', { token: await adminToken() });
  expect(res.status).toBe(200);
  return (res.body.items as { policyId: string }[]).find((s) => s.policyId === 'hire-local');
};

/** A reader of the table's stream from its start, through the counters' handler. */
const fromTheStart = () =>
  streamReader({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
    tableName: process.env.TABLE_NAME ?? '',
    handler: countersHandler,
    from: 'TRIM_HORIZON',
  });

describe('dashboard counters backfill (issue #16)', () => {
  let admin: string;

  beforeAll(async () => {
    await freshTable({ stream: true }); // read from its stream
    admin = await adminToken();
    // existing data, written while nothing counted: 5 grants (2 short of the rule), one confirmed
    await putFacts(feed.facts);
    for (const { code } of feed.codes) await registerSubject(code);
    const run = await startRun(
      { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 2 },
      { now: T_RUN },
    );
    expect((await processRun(run.id, { now: T_RUN })).totals.grantsCreated).toBe(5);
    const twelve = feed.codes.find((c) => c.profile === 'twelve');
    if (!twelve) throw new Error('no twelve-month enterprise in the feed');
    const { token } = await applicantToken(twelve.code);
    const list = await call(listGrantsHandler, 'GET /v1/grants', { token });
    expect(list.status).toBe(200);
    const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: list.body.items[0].id as string },
      headers: { 'idempotency-key': 'recount-confirm-1' },
      body: PAYEE,
    });
    expect(confirmed.status).toBe(200);
  });

  it('over pre-existing data the counters start empty; after the recount they equal a count of every item', async () => {
    expect(await stored()).toEqual({});
    expect(await hireLocalStats()).toMatchObject({ applied: 0, approved: 0 });

    const res = await recount(admin);
    expect(res.status).toBe(200);
    const want = await expected();
    expect(Object.keys(want).length).toBeGreaterThan(1); // more than one status
    expect(res.body).toMatchObject({
      policyId: 'hire-local',
      grants: 5,
      applications: 0,
      counters: want,
      attempts: 1,
    });
    expect(res.body.markers).toBeGreaterThanOrEqual(6); // every version of every grant
    expect(await stored()).toEqual(want);
    expect(await hireLocalStats()).toMatchObject({ applied: 5, approved: 1 });
  });

  it('a second recount changes nothing', async () => {
    const before = await stored();
    const again = await recount(admin);
    expect(again.status).toBe(200);
    expect(again.body.counters).toEqual(before);
    expect(await stored()).toEqual(before);
    expect(await stored()).toEqual(await expected());
  });

  it('the stream replayed from its start after the recount counts nothing twice; a later write counts once', async () => {
    const before = await stored();
    const reader = await fromTheStart();
    expect(await reader.poll()).toBeGreaterThan(5); // every write of the setup, delivered now
    expect(await stored()).toEqual(before);

    // a write after the recount: another enterprise confirms its grant (detected → publicity)
    const other = feed.codes.filter((c) => c.profile === 'twelve')[1];
    if (!other) throw new Error('no second twelve-month enterprise');
    const { token } = await applicantToken(other.code);
    const list = await call(listGrantsHandler, 'GET /v1/grants', { token });
    expect(list.status).toBe(200);
    const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: list.body.items[0].id as string },
      headers: { 'idempotency-key': 'recount-confirm-2' },
      body: PAYEE,
    });
    expect(confirmed.status).toBe(200);
    await reader.poll();
    // and the whole stream once more, as a Lambda retry would deliver it
    await (await fromTheStart()).poll();
    const want = await expected();
    expect(await stored()).toEqual(want);
    expect(await hireLocalStats()).toMatchObject({ applied: 5, approved: 2 });
  });

  it('a recount does not replace counters the stream moved after it began', async () => {
    const other = 'pol_recount_race' as PolicyId;
    const rev = await countersRev(other);
    await countOnce({ pk: 'APP#app_race', version: '1' }, new Map([[other, { a_submitted: 1 }]]));
    expect(await replaceCounters(other, {}, rev, new Date().toISOString())).toBe(false);
    expect(await countersOf(other)).toEqual({ a_submitted: 1 });
    const now = await countersRev(other);
    expect(await replaceCounters(other, { a_submitted: 1 }, now, new Date().toISOString())).toBe(
      true,
    );
  });

  it('refuses a reviewer and an applicant (403), an unknown policy (404)', async () => {
    const reviewer = (
      await signSession(
        { kind: 'reviewer', userId: 'usr_recount_rev' as UserId, department: 'hrss', level: 1 },
        new Date(),
      )
    ).token;
    const { token: applicant } = await applicantToken(feed.codes[0]?.code ?? '');
    for (const token of [reviewer, applicant]) {
      const res = await recount(token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const unknown = await recount(admin, 'no-such-policy');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });
});
