/**
 * Issue 16, on the stream (AUTO_GRANT_RECORDS=stream, as on AWS): an auto-grant run writes
 * one item per grant, the entitlement claim carrying the grant, and the stream writes the
 * grant from it (functions/services/grant-derive.ts). Exactly once must hold as when the run
 * wrote grant and claim together: a rerun before or after the stream, a crash between a
 * page's writes and its checkpoint, a benefit an application holds, and a grant cancelled
 * with its claim given back never make a second grant.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { handler as deriver } from '../../../functions/queue/grant-deriver/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { db, tableName } from '../../../functions/repositories/table';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { deriveCarriedGrant } from '../../../functions/services/grant-derive';
import type { Grant } from '../../../shared/lifecycle/grant';
import { streamReader } from '../../../infra/local/notice-stream';
import { countTransactions, itemsOfKind, stopCountingTransactions } from '../../support/items';
import { freshTable } from '../../support/table';
import { AS_OF, hireFeed, T_RUN } from './support';

jest.setTimeout(180_000);

const FEED = hireFeed({ six: 6, twelve: 6, short: 2 }); // 14 subjects, 12 grants

const start = () =>
  startRun({ asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 1 }, { now: T_RUN });
const run = async (o: Parameters<typeof processRun>[1] = {}) =>
  processRun((await start()).id, { now: T_RUN, ...o });

/** The stream read from its start, as Lambda reads it: the records it handed over. */
async function derive(): Promise<number> {
  const reader = await streamReader({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
    tableName: tableName(),
    handler: deriver,
    from: 'TRIM_HORIZON',
  });
  return reader.poll();
}

describe('auto-grant on the stream: one claim carrying each grant', () => {
  afterEach(stopCountingTransactions);
  const saved = process.env.AUTO_GRANT_RECORDS;
  beforeAll(() => {
    process.env.AUTO_GRANT_RECORDS = 'stream';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.AUTO_GRANT_RECORDS;
    else process.env.AUTO_GRANT_RECORDS = saved;
  });

  it('a clean run: one item per grant, 25 to a transaction; a rerun before the stream writes nothing', async () => {
    await freshTable({ stream: true });
    await putFacts(FEED.facts);
    const count = countTransactions();
    const done = await run();
    expect(done).toMatchObject({ status: 'completed', totals: { grantsCreated: 12, errors: 0 } });
    expect(count.sent).toBe(1); // 12 claims, one transaction
    expect(await itemsOfKind('grant')).toEqual([]);
    const claims = await itemsOfKind('claim');
    expect(claims).toHaveLength(12);
    expect(claims.every((c) => c.derive === 'grant' && c.runId === done.id)).toBe(true);

    // the stream has not caught up: the claims say the grants exist, nothing is written
    const rerun = await run();
    expect(rerun.totals).toMatchObject({ grantsCreated: 0, skipped: { already_granted: 12 } });
    expect(count.sent).toBe(1);

    expect(await derive()).toBeGreaterThan(0);
    const grants = await itemsOfKind('grant');
    expect(grants).toHaveLength(12);
    expect(grants.every((g) => g.runId === done.id && g.fromClaim === true)).toBe(true);
    expect(await itemsOfKind('outbox')).toHaveLength(12);
    // every copy taken off its claim; the claims themselves stay with their holders
    const after = await itemsOfKind('claim');
    expect(after.filter((c) => c.grant !== undefined || c.derive !== undefined)).toEqual([]);
    expect(after.map((c) => c.holderId).sort()).toEqual(
      grants
        .map((g) => g.PK)
        .map((pk) => String(pk).slice('GRANT#'.length))
        .sort(),
    );

    // the deriver's transactions: one per grant (grant, events, notice)
    expect(count.sent).toBe(1 + 12);
    const third = await run();
    expect(third.totals).toMatchObject({ grantsCreated: 0, skipped: { already_granted: 12 } });
    expect(count.sent).toBe(1 + 12);
  });

  it('a grant cancelled, its claim given back: the next run does not grant it again', async () => {
    const grants = await itemsOfKind('grant');
    const cancelled = grants[3]?.state as Grant;
    // what a cancellation leaves (saveGrant releases the claim in the same transaction)
    await db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: {
          PK: `CLAIM#${cancelled.policyId}#${cancelled.subjectId}`,
          SK: cancelled.claimPeriod,
        },
      }),
    );
    const rerun = await run();
    expect(rerun.totals).toMatchObject({ grantsCreated: 0, skipped: { already_granted: 12 } });
    expect(await itemsOfKind('claim')).toHaveLength(11);
  });

  it('a benefit an application holds: counted already claimed, no transaction for it', async () => {
    const held = (await itemsOfKind('claim'))[0];
    await freshTable({ stream: true });
    await putFacts(FEED.facts);
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...held, holderKind: 'application', holderId: 'app_held_by_an_application' },
      }),
    );
    const count = countTransactions();
    const done = await run();
    expect(done.totals).toMatchObject({
      grantsCreated: 11,
      errors: 0,
      skipped: { already_claimed: 1 },
    });
    expect(count.sent).toBe(1); // read first: no group is cancelled
    const claims = await itemsOfKind('claim');
    expect(claims.filter((c) => c.holderKind === 'application')).toHaveLength(1);
    expect(claims.filter((c) => c.derive === 'grant')).toHaveLength(11);
  });

  it('a crash after a page’s claims, before its checkpoint: the page is redone and its grants counted once', async () => {
    await freshTable({ stream: true });
    await putFacts(FEED.facts);
    const started = await start();
    let crashed = 0;
    const crashing = await processRun(started.id, {
      now: T_RUN,
      pageSize: 5,
      hooks: {
        beforeCheckpoint: (_segment, page) => {
          if (page === 1 && crashed === 0) {
            crashed++;
            throw new Error('simulated crash');
          }
        },
      },
    });
    expect(crashing.status).toBe('running');
    const resumed = await processRun(started.id, { now: T_RUN, pageSize: 5 });
    expect(resumed).toMatchObject({
      status: 'completed',
      totals: { subjectsScanned: 14, grantsCreated: 12, errors: 0 },
    });
    expect(resumed.totals.skipped.already_granted).toBeUndefined();
    expect(await itemsOfKind('claim')).toHaveLength(12);
    await derive();
    expect(await itemsOfKind('grant')).toHaveLength(12);
  });

  it('the deriver never overwrites a grant key another run holds', async () => {
    const grant = (await itemsOfKind('grant'))[0]?.state as Grant;
    await expect(deriveCarriedGrant(grant, 'run_someone_else')).rejects.toThrow(
      /another run's grant/,
    );
    expect(await itemsOfKind('grant')).toHaveLength(12);
  });
});
