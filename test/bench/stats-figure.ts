/**
 * Dashboard figure (issue #16): GET /v1/admin/stats's service (`stats`, every policy of the
 * catalogue) at 1,000 and at N grants of one policy on an in-memory DynamoDB Local. The
 * dashboard reads one counter item per policy (shared/stats-counters.ts), so its latency
 * should stay flat; beside it, the recount the dashboard did before (every grant's key through
 * the byPolicy index) at the same sizes.
 *
 * The grants are written raw (state item with its byPolicy keys, as the repository writes
 * them), and the policy's counters set to their recount: the counters as the stream leaves
 * them (that the stream keeps them equal to a recount is test/integration/money/
 * stats-counters.test.ts's job, not a timing's).
 */
import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { startBenchEngine } from './engine';
import { instantOf } from '../../shared/calendar';
import { policyIdOf } from '../../shared/auto-grant';
import { counterChange } from '../../shared/stats-counters';
import { RUN_NOW, TABLE, useEngine } from './auto-grant-figure';
import { percentile } from './api-inprocess';
import { errorRow, ratioOf, type Row } from './table';

export const STATS_FLAT_GOAL = 2;
const STATUSES = ['publicity', 'payable', 'paid', 'paid', 'paid', 'awaiting_confirmation'];

export interface StatsOptions {
  /** the large size (the small one is 1,000) */
  items: number;
  /** dashboard loads measured at each size */
  samples: number;
  log: (line: string) => void;
}

export const STATS_DEFAULTS: StatsOptions = { items: 100_000, samples: 30, log: () => undefined };

async function writeGrants(client: DynamoDBClient, from: number, to: number): Promise<void> {
  const policyId = policyIdOf('hire-local');
  const lanes = 4;
  let next = from;
  const lane = async () => {
    for (;;) {
      const start = next;
      if (start >= to) return;
      next = Math.min(to, start + 25);
      let requests = Array.from({ length: next - start }, (_, k) => {
        const i = start + k;
        const id = `grant_bench${String(i).padStart(8, '0')}`;
        const status = STATUSES[i % STATUSES.length] ?? 'paid';
        const detectedAt = '2020-12-01T02:00:00.000Z';
        return {
          PutRequest: {
            Item: {
              PK: { S: `GRANT#${id}` },
              SK: { S: 'STATE' },
              policyPk: { S: `GRANT_POLICY#${policyId}` },
              policySk: { S: `${status}#${detectedAt}#${id}` },
              version: { N: '1' },
              state: {
                M: {
                  id: { S: id },
                  policyId: { S: policyId },
                  status: { S: status },
                  detectedAt: { S: detectedAt },
                  amountFen: { N: '400000' },
                },
              },
            },
          },
        };
      });
      while (requests.length > 0) {
        const out = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests } }),
        );
        requests = (out.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** The counters the stream leaves for grants 0..n-1 (their recount). */
function countersFor(n: number): Record<string, number> {
  const policyId = policyIdOf('hire-local');
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const change = counterChange(undefined, {
      kind: 'grant',
      policyId,
      status: STATUSES[i % STATUSES.length] ?? 'paid',
      slaStartAt: '2020-12-01T02:00:00.000Z',
    }).get(policyId);
    for (const [k, v] of Object.entries(change ?? {})) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

async function timed(samples: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  await f(); // warm
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await f();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return percentile(ms, 50);
}

export async function statsFigure(options: Partial<StatsOptions> = {}): Promise<Row[]> {
  const o = { ...STATS_DEFAULTS, ...options };
  const small = Math.min(1_000, o.items);
  const log = o.log;
  log('stats: starting DynamoDB Local (in memory) …');
  const engine = await startBenchEngine();
  const restoreEnv = useEngine(engine);
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const client = localClient(engine.endpoint);
  try {
    await ensureTable(client, TABLE);
    const { seedCatalogue } = await import('../../functions/services/catalogue');
    await seedCatalogue(instantOf(RUN_NOW));
    const { stats } = await import('../../functions/services/stats');
    const { putCounters } = await import('../../functions/repositories/counters');
    const { grantKeysOfPolicy } = await import('../../functions/repositories/grants');
    const now = instantOf(RUN_NOW);
    const measure = async (n: number) => {
      await putCounters(policyIdOf('hire-local'), countersFor(n));
      const dashboard = await timed(o.samples, () => stats(now));
      const recount = await timed(Math.max(3, Math.floor(o.samples / 10)), () =>
        grantKeysOfPolicy(policyIdOf('hire-local')),
      );
      const view = await stats(now);
      const hire = view.items.find((p) => p.policyId === 'hire-local');
      if (hire?.applied !== n)
        throw new Error(
          `the dashboard shows ${String(hire?.applied)} grants, ${String(n)} written`,
        );
      return { dashboard, recount };
    };
    log(`stats: writing ${small.toLocaleString('en-US')} grants …`);
    await writeGrants(client, 0, small);
    const atSmall = await measure(small);
    log(`stats: writing up to ${o.items.toLocaleString('en-US')} grants …`);
    await writeGrants(client, small, o.items);
    const atLarge = await measure(o.items);
    const ratio = ratioOf(atLarge.dashboard, atSmall.dashboard);
    const size = (n: number) => n.toLocaleString('en-US');
    return [
      {
        id: 'stats.dashboard-small',
        figure: 'Dashboard',
        metric: `GET /v1/admin/stats service p50, ${size(small)} grants (counters)`,
        value: atSmall.dashboard,
        unit: 'ms',
        reference: {
          label: `recount of every grant p50, ${size(small)}`,
          value: atSmall.recount,
          unit: 'ms',
        },
        ratio: ratioOf(atSmall.dashboard, atSmall.recount),
        met: null,
        status: 'ok',
        note: `every catalogue policy's counters, budget lines and recoveries; ${String(o.samples)} loads after one warm-up`,
      },
      {
        id: 'stats.dashboard-large',
        figure: 'Dashboard',
        metric: `GET /v1/admin/stats service p50, ${size(o.items)} grants (counters)`,
        value: atLarge.dashboard,
        unit: 'ms',
        reference: { label: `same, ${size(small)} grants`, value: atSmall.dashboard, unit: 'ms' },
        ratio,
        goal: `≤ ${String(STATS_FLAT_GOAL)}× (flat)`,
        met: ratio === null ? null : ratio <= STATS_FLAT_GOAL,
        status: 'ok',
        note: `the recount the dashboard did before: ${atLarge.recount.toFixed(0)} ms p50 at ${size(o.items)} grants (${atSmall.recount.toFixed(0)} ms at ${size(small)})`,
      },
    ];
  } catch (e) {
    return [errorRow('stats.dashboard-large', 'Dashboard', 'GET /v1/admin/stats', e)];
  } finally {
    client.destroy();
    restoreEnv();
    await engine.stop();
  }
}
