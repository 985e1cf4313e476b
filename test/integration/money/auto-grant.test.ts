/**
 * 免申即享 end to end through the real handlers: a social-insurance feed imported over HTTP
 * (a feed with bad rows refused whole, bad rows reported by line; re-import changes nothing), an auto-grant run started over
 * HTTP producing exactly the hire-local grants POLICIES.md prescribes, and a rerun
 * creating none.
 */

import { handler as importFactsHandler } from '../../../functions/http/import-facts/handler';
import { handler as startRunHandler } from '../../../functions/http/start-run/handler';
import { handler as getRunHandler } from '../../../functions/http/get-run/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { listGrantsBySubject } from '../../../functions/repositories/grants';
import { segmentsOf } from '../../../functions/repositories/runs';
import { indexedFactsCount } from '../../../functions/repositories/facts';
import { MIN_SEGMENTS, segmentsFor } from '../../../shared/scan-segments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { CSV_HEADER, factToCsvRow } from '../../../shared/schemas/facts-import';
import { call } from '../../support/http';
import { countItems } from '../../support/items';
import { freshTable } from '../../support/table';
import { adminToken, AMOUNT_FEN, applicantToken, AS_OF, hireFeed, toJsonLines } from './support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

async function waitForRun(token: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await call(getRunHandler, 'GET /v1/admin/runs/{id}', { token, params: { id } });
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run did not finish');
}

describe('facts import + auto-grant run (hire-local)', () => {
  let admin: string;
  const feed = hireFeed({ six: 10, twelve: 10, short: 6, large: 4 });

  beforeAll(async () => {
    await freshTable();
    admin = await adminToken();
  });

  it('refuses a JSON-lines feed with bad rows as a whole, reporting them by line and reason, writing nothing', async () => {
    const lines = toJsonLines(feed.facts).split('\n');
    lines.splice(
      3,
      0,
      '{"subjectId":"X","source":"social_insurance","period":{"from":"2021-13-01","to":null},"values":{}}',
    );
    lines.splice(7, 0, 'not json');
    const res = await call(importFactsHandler, 'POST /v1/admin/facts:import', {
      token: admin,
      body: { format: 'jsonl', content: lines.join('\n'), feed: '人社局社保 2021-06' },
    });
    expect(res.status).toBe(400);
    const rejected = res.body.error.details.rejected;
    expect(rejected.map((r: { line: number }) => r.line)).toEqual([4, 8]);
    expect(rejected[1].reasons).toEqual(['不是有效的 JSON']);
    expect(rejected[0].reasons.join(' ')).toMatch(/期间|数据内容/);
    expect(await countItems('fact')).toBe(0);
  });

  it('imports the clean feed', async () => {
    const res = await call(importFactsHandler, 'POST /v1/admin/facts:import', {
      token: admin,
      body: { format: 'jsonl', content: toJsonLines(feed.facts), feed: '人社局社保 2021-06' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      feed: '人社局社保 2021-06',
      accepted: feed.facts.length,
      subjects: 30,
      rejected: [],
    });
    expect(await countItems('fact')).toBe(feed.facts.length);
  });

  it('re-importing the same feed as CSV changes nothing; a CSV with a bad row is refused whole', async () => {
    const csv = [CSV_HEADER, ...feed.facts.map(factToCsvRow)].join('\n');
    const bad = await call(importFactsHandler, 'POST /v1/admin/facts:import', {
      token: admin,
      body: { format: 'csv', content: `${csv}\nbad,row` },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.rejected).toEqual([
      { line: feed.facts.length + 2, reasons: ['列数为2，应为5'] },
    ]);
    const res = await call(importFactsHandler, 'POST /v1/admin/facts:import', {
      token: admin,
      body: { format: 'csv', content: csv },
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(feed.facts.length);
    expect(res.body.rejected).toEqual([]);
    expect(await countItems('fact')).toBe(feed.facts.length);
  });

  it('refuses a non-admin and bad input with the right statuses', async () => {
    const { token } = await applicantToken(feed.codes[0]!.code);
    expect(
      (
        await call(importFactsHandler, 'POST /v1/admin/facts:import', {
          token,
          body: { format: 'jsonl', content: '{}' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(importFactsHandler, 'POST /v1/admin/facts:import', {
          token: admin,
          body: { format: 'xml', content: 'x' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(startRunHandler, 'POST /v1/admin/runs', {
          token: admin,
          body: { asOf: '2021-02-30' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(getRunHandler, 'GET /v1/admin/runs/{id}', {
          token: admin,
          params: { id: 'run_nope' },
        })
      ).status,
    ).toBe(404);
  });

  let firstRun: string;

  it('a run creates exactly the grants the feed proves, with the policy amounts', async () => {
    const res = await call(startRunHandler, 'POST /v1/admin/runs', {
      token: admin,
      body: { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 4 },
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('running');
    firstRun = res.body.id;
    const run = await waitForRun(admin, firstRun);
    expect(run.status).toBe('completed');
    expect(run.segmentsDone).toBe(4);
    expect(run.totals).toMatchObject({
      subjectsScanned: 30,
      evaluations: 30,
      grantsCreated: 20,
      grantedFen: 10 * 100_000 + 10 * 400_000,
      errors: 0,
    });
    expect(run.totals.skipped).toEqual({ ineligible: 10 });
    for (const { code, profile } of feed.codes) {
      const grants = (await listGrantsBySubject(subjectIdOf(code))).items;
      if (AMOUNT_FEN[profile] === 0) expect(grants).toHaveLength(0);
      else {
        expect(grants).toHaveLength(1);
        expect(grants[0]).toMatchObject({
          amountFen: AMOUNT_FEN[profile],
          period: '2020',
          status: 'awaiting_confirmation',
          policyId: 'pol_hire-local',
        });
      }
    }
  });

  it('the subject sees its grant with the reason to act', async () => {
    const twelve = feed.codes.find((c) => c.profile === 'twelve')!;
    const { token } = await applicantToken(twelve.code);
    const res = await call(listGrantsHandler, 'GET /v1/grants', { token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      amountFen: 400_000,
      status: 'awaiting_confirmation',
      statusLabel: '待确认收款账户',
      policyTitle: expect.stringContaining('吸纳本县劳动力'),
    });
    expect((await call(listGrantsHandler, 'GET /v1/grants', { token: admin })).status).toBe(403);
  });

  it('a rerun (and a keyed retry of the same start) creates no second grant', async () => {
    const res = await call(startRunHandler, 'POST /v1/admin/runs', {
      token: admin,
      body: { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 3 },
      headers: { 'idempotency-key': 'rerun-0001' },
    });
    expect(res.status).toBe(202);
    const run = await waitForRun(admin, res.body.id);
    expect(run.totals).toMatchObject({ subjectsScanned: 30, grantsCreated: 0, grantedFen: 0 });
    expect(run.totals.skipped).toEqual({ ineligible: 10, already_granted: 20 });
    const again = await call(startRunHandler, 'POST /v1/admin/runs', {
      token: admin,
      body: { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 3 },
      headers: { 'idempotency-key': 'rerun-0001' },
    });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: res.body.id, status: 'completed' });
    expect(await countItems('grant')).toBe(20);
  });

  it('a run started without segments is sized by the facts it will scan', async () => {
    const res = await call(startRunHandler, 'POST /v1/admin/runs', {
      token: admin,
      body: { asOf: AS_OF, policyIds: ['hire-local'] },
    });
    expect(res.status).toBe(202);
    // 30 subjects' facts are far below one segment's share: the fewest, every lane busy
    expect(segmentsFor(await indexedFactsCount())).toBe(MIN_SEGMENTS);
    expect(res.body.segmentsTotal).toBe(MIN_SEGMENTS);
    const run = await waitForRun(admin, res.body.id);
    expect(run).toMatchObject({ status: 'completed', segmentsDone: MIN_SEGMENTS });
    expect(run.totals).toMatchObject({ subjectsScanned: 30, grantsCreated: 0 });
  });

  it('a keyed retry naming other segments (or none) keeps the run as it was started', async () => {
    const start = (totalSegments?: number) =>
      call(startRunHandler, 'POST /v1/admin/runs', {
        token: admin,
        body: {
          asOf: AS_OF,
          policyIds: ['hire-local'],
          ...(totalSegments ? { totalSegments } : {}),
        },
        headers: { 'idempotency-key': 'resize-0001' },
      });
    const first = await start(2);
    expect(first.status).toBe(202);
    await waitForRun(admin, first.body.id);
    // a replay must not add segments the run's scan does not have (SEG#2 of 2 would
    // never be done, and scanning it is a ValidationException)
    for (const again of [await start(5), await start()]) {
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({
        id: first.body.id,
        status: 'completed',
        segmentsTotal: 2,
      });
    }
    expect((await segmentsOf(first.body.id)).map((s) => s.segment)).toEqual([0, 1]);
  });
});
