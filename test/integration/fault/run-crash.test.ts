/**
 * An auto-grant run is exactly-once whatever happens to it (DESIGN §4, §7):
 * - killed after N checkpoints and restarted → no duplicate, none missed, totals exact;
 * - crashed after a page's grants were written but before its checkpoint → the page is
 *   redone, its grants found and counted once;
 * - two runs at once → every grant exactly once between them;
 * - the SQS worker (Powertools batch + idempotency per [runId, segment]) with a duplicated
 *   message and a failing record.
 */

import type { Context, SQSEvent } from 'aws-lambda';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { handler as segmentWorker } from '../../../functions/queue/evaluate-segment/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { findRun, segmentsOf } from '../../../functions/repositories/runs';
import { db, tableName } from '../../../functions/repositories/table';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { freshTable } from '../../support/table';
import { AS_OF, hireFeed, T_RUN } from '../money/support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

const FEED = hireFeed({ six: 40, twelve: 40, short: 30, large: 10 }); // 120 subjects, 80 grants
const EXPECTED = 80;
const EXPECTED_FEN = 40 * 100_000 + 40 * 400_000;

async function grantIds(): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: '#k = :g',
        ExpressionAttributeNames: { '#k': 'kind' },
        ExpressionAttributeValues: { ':g': 'grant' },
        ProjectionExpression: 'PK',
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...(out.Items ?? []).map((i) => String(i.PK)));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

async function expectExactlyOnce(): Promise<void> {
  const ids = await grantIds();
  expect(ids).toHaveLength(EXPECTED);
  expect(new Set(ids).size).toBe(EXPECTED);
}

const start = (segments = 6) =>
  startRun({ asOf: AS_OF, policyIds: ['hire-local'], totalSegments: segments }, { now: T_RUN });

describe('auto-grant run: kill, crash, overlap', () => {
  beforeEach(async () => {
    await freshTable();
    await putFacts(FEED.facts);
  });

  it('killed after 3 checkpoints and restarted: no duplicates, none missed, totals exact', async () => {
    const run = await start();
    const controller = new AbortController();
    let checkpoints = 0;
    const killed = await processRun(run.id, {
      pageSize: 8,
      segmentConcurrency: 3,
      signal: controller.signal,
      now: T_RUN,
      hooks: {
        afterCheckpoint: () => {
          if (++checkpoints >= 3) controller.abort();
        },
      },
    });
    expect(killed.status).toBe('running');
    expect((await grantIds()).length).toBeLessThan(EXPECTED);
    const resumed = await processRun(run.id, { pageSize: 8, now: T_RUN });
    expect(resumed.status).toBe('completed');
    expect(resumed.segmentsDone).toBe(6);
    expect(resumed.totals).toMatchObject({
      subjectsScanned: 120,
      grantsCreated: EXPECTED,
      grantedFen: EXPECTED_FEN,
      errors: 0,
    });
    expect(resumed.totals.skipped).toEqual({ ineligible: 40 });
    await expectExactlyOnce();
  });

  it('crash after writing a page’s grants but before its checkpoint: the page is redone and counted once', async () => {
    const run = await start(4);
    let crashed = 0;
    const crashing = await processRun(run.id, {
      pageSize: 10,
      now: T_RUN,
      hooks: {
        beforeCheckpoint: (segment, page) => {
          if (page === 1 && crashed < 4) {
            crashed++;
            throw new Error(`simulated crash in segment ${segment}`);
          }
        },
      },
    });
    expect(crashed).toBeGreaterThan(0);
    expect(crashing.status).toBe('running');
    expect(crashing.lastErrors.join(' ')).toMatch(/simulated crash/);
    expect((await segmentsOf(run.id)).some((s) => !s.done)).toBe(true);
    const resumed = await processRun(run.id, { pageSize: 10, now: T_RUN });
    expect(resumed.status).toBe('completed');
    expect(resumed.totals).toMatchObject({
      subjectsScanned: 120,
      grantsCreated: EXPECTED,
      grantedFen: EXPECTED_FEN,
    });
    expect(resumed.totals.skipped).toEqual({ ineligible: 40 });
    await expectExactlyOnce();
  });

  it('two runs at once create every grant exactly once between them', async () => {
    const [a, b] = await Promise.all([start(5), start(3)]);
    const [ra, rb] = await Promise.all([
      processRun(a.id, { pageSize: 7, now: T_RUN }),
      processRun(b.id, { pageSize: 11, now: T_RUN }),
    ]);
    expect(ra.status).toBe('completed');
    expect(rb.status).toBe('completed');
    expect(ra.totals.grantsCreated + rb.totals.grantsCreated).toBe(EXPECTED);
    expect(ra.totals.grantedFen + rb.totals.grantedFen).toBe(EXPECTED_FEN);
    expect(
      (ra.totals.skipped.already_granted ?? 0) + (rb.totals.skipped.already_granted ?? 0),
    ).toBe(EXPECTED);
    await expectExactlyOnce();
  });

  it('the same segment processed by two workers at once is counted once', async () => {
    const run = await start(2);
    const { evaluateSegment } = await import('../../../functions/services/auto-grant');
    await Promise.all([
      evaluateSegment({ runId: run.id, segment: 0 }, { pageSize: 5, now: T_RUN }),
      evaluateSegment({ runId: run.id, segment: 0 }, { pageSize: 5, now: T_RUN }),
      evaluateSegment({ runId: run.id, segment: 1 }, { pageSize: 5, now: T_RUN }),
    ]);
    // a loser stops at the first lost checkpoint; finish whatever it left
    const done = await processRun(run.id, { pageSize: 5, now: T_RUN });
    expect(done.status).toBe('completed');
    expect(done.totals).toMatchObject({ subjectsScanned: 120, grantsCreated: EXPECTED });
    await expectExactlyOnce();
  });

  it('SQS worker: partial batch response, idempotent per [runId, segment], duplicates harmless', async () => {
    const run = await start(3);
    const record = (id: string, body: string) => ({
      messageId: id,
      receiptHandle: id,
      body,
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-east-1:000000000000:segments',
      awsRegion: 'ap-east-1',
    });
    const event = {
      Records: [
        record('m0', JSON.stringify({ runId: run.id, segment: 0 })),
        record('m1', JSON.stringify({ runId: run.id, segment: 1 })),
        record('bad', '{"runId":"nope"}'),
        record('m2', JSON.stringify({ runId: run.id, segment: 2 })),
        record('m0-again', JSON.stringify({ runId: run.id, segment: 0 })),
      ],
    } as unknown as SQSEvent;
    const context = {
      functionName: 'zhida-test-evaluateSegment',
      awsRequestId: 'req-1',
      getRemainingTimeInMillis: () => 120_000,
    } as unknown as Context;
    const out = await segmentWorker(event, context);
    // the malformed record fails; of the two copies of segment 0 processed side by side, the
    // one that finds the other in progress is reported too (IdempotencyAlreadyInProgress), so
    // SQS redelivers it later; the other segments succeed
    const failed = out.batchItemFailures.map((f) => f.itemIdentifier).sort();
    expect(failed[0]).toBe('bad');
    expect(failed.slice(1).every((id) => id === 'm0' || id === 'm0-again')).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(2);
    const again = await segmentWorker(
      {
        Records: [
          record('m0-redelivered', JSON.stringify({ runId: run.id, segment: 0 })),
          record('m1-redelivered', JSON.stringify({ runId: run.id, segment: 1 })),
        ],
      } as unknown as SQSEvent,
      context,
    );
    expect(again.batchItemFailures).toEqual([]);
    const finished = await findRun(run.id);
    expect(finished).toMatchObject({ status: 'completed', segmentsDone: 3 });
    expect(finished?.totals).toMatchObject({ subjectsScanned: 120, grantsCreated: EXPECTED });
    await expectExactlyOnce();
  });
});
