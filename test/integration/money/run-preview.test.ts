/**
 * Issue #17: an admin confirms a 免申即享 run with the count and total it will grant. The
 * preview (POST /v1/admin/runs:preview) writes nothing, and the run then grants exactly what
 * it said; after the run the preview shows nothing left to grant.
 */
import { handler as importFactsHandler } from '../../../functions/http/import-facts/handler';
import { handler as previewHandler } from '../../../functions/http/preview-run/handler';
import { handler as startRunHandler } from '../../../functions/http/start-run/handler';
import { handler as getRunHandler } from '../../../functions/http/get-run/handler';
import { call } from '../../support/http';
import { countItems } from '../../support/items';
import { freshTable } from '../../support/table';
import { adminToken, AMOUNT_FEN, applicantToken, AS_OF, hireFeed, toJsonLines } from './support';

jest.setTimeout(180_000);

describe('auto-grant run preview', () => {
  let admin: string;
  const feed = hireFeed({ six: 3, twelve: 2, short: 2, large: 1 }, 700);
  const expectedFen = 3 * AMOUNT_FEN.six + 2 * AMOUNT_FEN.twelve;
  const body = { asOf: AS_OF, policyIds: ['hire-local'] };

  beforeAll(async () => {
    await freshTable();
    admin = await adminToken();
    const imported = await call(importFactsHandler, 'POST /v1/admin/facts:import', {
      token: admin,
      body: { format: 'jsonl', content: toJsonLines(feed.facts), feed: '人社局社保 2021-06' },
    });
    expect(imported.status).toBe(200);
  });

  it('gives the count and total the run will grant, writes nothing, and the run grants exactly that', async () => {
    const { token } = await applicantToken(feed.codes[0]!.code);
    expect(
      (await call(previewHandler, 'POST /v1/admin/runs:preview', { token, body })).status,
    ).toBe(403);
    expect(
      (
        await call(previewHandler, 'POST /v1/admin/runs:preview', {
          token: admin,
          body: { asOf: '2021-02-30' },
        })
      ).status,
    ).toBe(400);

    const preview = await call(previewHandler, 'POST /v1/admin/runs:preview', {
      token: admin,
      body,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      asOf: AS_OF,
      subjectsScanned: 8,
      count: 5,
      totalFen: expectedFen,
      byPolicy: [
        { policyId: 'hire-local', title: expect.any(String), count: 5, totalFen: expectedFen },
      ],
      alreadyGranted: 0,
      alreadyClaimed: 0,
    });
    expect(await countItems('grant')).toBe(0);
    expect(await countItems('run')).toBe(0);

    const started = await call(startRunHandler, 'POST /v1/admin/runs', {
      token: admin,
      body,
      headers: { 'idempotency-key': 'preview-then-run-0001' },
    });
    expect(started.status).toBe(202);
    let run = started.body;
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const res = await call(getRunHandler, 'GET /v1/admin/runs/{id}', {
        token: admin,
        params: { id: run.id },
      });
      expect(res.status).toBe(200);
      run = res.body;
    }
    expect(run.status).toBe('completed');
    expect(run.totals).toMatchObject({ grantsCreated: 5, grantedFen: expectedFen });

    const after = await call(previewHandler, 'POST /v1/admin/runs:preview', {
      token: admin,
      body,
    });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ count: 0, totalFen: 0, alreadyGranted: 5 });
  });
});
