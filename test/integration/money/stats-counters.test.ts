/**
 * Issue #16: the dashboard's counters, kept by the table's stream (functions/queue/
 * stats-counters), equal a recount of every application and grant — after an auto-grant run,
 * after a grant is confirmed, its 公示 closed and it is paid, and after the stream delivers
 * records a second time (no double count). GET /v1/admin/stats reads them.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { handler as countersHandler } from '../../../functions/queue/stats-counters/handler';
import { listApplicationsByPolicies } from '../../../functions/repositories/applications';
import { countersOf } from '../../../functions/repositories/counters';
import { putFacts } from '../../../functions/repositories/facts';
import { grantKeysOfPolicy } from '../../../functions/repositories/grants';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue } from '../../../functions/services/disburse';
import { now as clockNow } from '../../../functions/_lib/clock';
import { streamReader } from '../../../infra/local/notice-stream';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { policyIdOf } from '../../../shared/auto-grant';
import { counterChange, type Counted } from '../../../shared/stats-counters';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  adminToken,
  applicantToken,
  AS_OF,
  daysAfter,
  fakeTreasury,
  hireFeed,
  PAYEE,
  registerSubject,
  T_RUN,
} from './support';

jest.setTimeout(180_000);

const HIRE = policyIdOf('hire-local');

/** The counters a recount gives: every application and grant of the policy, read whole. */
async function recount(): Promise<Record<string, number>> {
  const items: Counted[] = [];
  for (const g of await grantKeysOfPolicy(HIRE))
    items.push({ kind: 'grant', policyId: HIRE, status: g.status, slaStartAt: g.detectedAt });
  let cursor: string | undefined;
  do {
    const page = await listApplicationsByPolicies([HIRE], { cursor, limit: 100 });
    for (const a of page.items)
      items.push({
        kind: 'application',
        policyId: HIRE,
        status: a.status,
        ...(a.decidedAt ? { slaStartAt: a.decidedAt } : {}),
      });
    cursor = page.nextCursor;
  } while (cursor);
  const out: Record<string, number> = {};
  for (const c of items)
    for (const [k, n] of Object.entries(counterChange(undefined, c).get(HIRE) ?? {}))
      out[k] = (out[k] ?? 0) + n;
  return out;
}

/** The counters as stored, without the names that went back to 0. */
const counted = async () =>
  Object.fromEntries(Object.entries(await countersOf(HIRE)).filter(([, n]) => n !== 0));

describe('dashboard counters (issue #16)', () => {
  let fake: FakeTreasury;
  /** every record the stream handed to the counters so far, to deliver again */
  const seen: DynamoDBRecord[] = [];
  let reader: Awaited<ReturnType<typeof streamReader>>;

  beforeAll(async () => {
    await freshTable({ stream: true }); // read from its stream
    fake = await fakeTreasury('ok');
    reader = await streamReader({
      endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      tableName: process.env.TABLE_NAME ?? '',
      handler: (e) => {
        seen.push(...e.Records);
        return countersHandler(e);
      },
      from: 'TRIM_HORIZON',
    });
  });
  afterAll(() => fake.stop());

  it('after an auto-grant run the counters equal a recount, and the dashboard shows them', async () => {
    const feed = hireFeed({ six: 3, twelve: 4, short: 2 });
    await putFacts(feed.facts);
    for (const { code } of feed.codes) await registerSubject(code);
    const run = await startRun(
      { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 3 },
      { now: T_RUN },
    );
    expect((await processRun(run.id, { now: T_RUN })).totals.grantsCreated).toBe(7);
    expect(await reader.poll()).toBeGreaterThan(0);
    const expected = await recount();
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(7);
    expect(await counted()).toEqual(expected);

    const res = await call(statsHandler, 'GET /v1/admin/stats', { token: await adminToken() });
    expect(res.status).toBe(200);
    expect(
      res.body.items.find((s: { policyId: string }) => s.policyId === 'hire-local'),
    ).toMatchObject({ applied: 7, approved: 0, paid: 0 });
  });

  it('after a grant is confirmed, its 公示 closed and it is paid, the counters equal a recount', async () => {
    const [first] = hireFeed({ six: 3, twelve: 4, short: 2 }).codes.filter(
      (c) => c.profile === 'twelve',
    );
    if (!first) throw new Error('no twelve-month enterprise in the feed');
    const { token } = await applicantToken(first.code);
    const list = await call(listGrantsHandler, 'GET /v1/grants', { token });
    expect(list.status).toBe(200);
    const grantId = list.body.items[0].id as string;
    const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: grantId },
      headers: { 'idempotency-key': 'counters-confirm-1' },
      body: PAYEE,
    });
    expect(confirmed.status).toBe(200);
    const t = clockNow();
    expect((await closePublicityDue({ now: daysAfter(t, 6) })).grants).toEqual({ payable: 1 });
    expect((await disburseDue({ now: daysAfter(t, 7) })).started).toEqual({ sent: 1 });
    await reader.poll();
    const expected = await recount();
    expect(expected.g_paid).toBe(1);
    expect(await counted()).toEqual(expected);

    const res = await call(statsHandler, 'GET /v1/admin/stats', { token: await adminToken() });
    expect(res.status).toBe(200);
    expect(
      res.body.items.find((s: { policyId: string }) => s.policyId === 'hire-local'),
    ).toMatchObject({ applied: 7, approved: 1, paid: 1, completionRateBp: 10_000 });
  });

  it('a replayed stream record (every one, delivered again) counts nothing twice', async () => {
    const before = await counted();
    expect(seen.length).toBeGreaterThan(7);
    // as Lambda redelivers a batch after a timeout: the same records, in the same order
    const again = await countersHandler({ Records: [...seen] });
    expect(again.batchItemFailures).toEqual([]);
    // and one record alone, twice more
    const last = seen.at(-1);
    if (!last) throw new Error('no record seen');
    await countersHandler({ Records: [last] });
    await countersHandler({ Records: [last] });
    expect(await counted()).toEqual(before);
    expect(await counted()).toEqual(await recount());
  });
});
