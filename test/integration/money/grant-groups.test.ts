/**
 * Issue 16: an auto-grant run writes a page's grants a group per TransactWriteItems. A group
 * one of whose conditions fails — here a benefit an application already holds — is cancelled
 * whole and written again grant by grant: the others are created, the held one is skipped
 * `already_claimed`, nothing is written twice, and far fewer transactions are sent than grants.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { putFacts } from '../../../functions/repositories/facts';
import { db, tableName } from '../../../functions/repositories/table';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { countTransactions, itemsOfKind, stopCountingTransactions } from '../../support/items';
import { freshTable } from '../../support/table';
import { AS_OF, hireFeed, T_RUN } from './support';

jest.setTimeout(180_000);

const FEED = hireFeed({ six: 6, twelve: 6, short: 2 }); // 14 subjects, 12 grants

const run = async (o: { grantsPerTransaction?: number; pageSize?: number } = {}) => {
  const started = await startRun(
    { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 1 },
    { now: T_RUN },
  );
  return processRun(started.id, { now: T_RUN, ...o });
};

describe('auto-grant: grants a group per transaction', () => {
  afterEach(stopCountingTransactions);

  it('a clean page: every grant created once, a transaction per group', async () => {
    await freshTable();
    await putFacts(FEED.facts);
    const count = countTransactions();
    const done = await run({ grantsPerTransaction: 5 });
    expect(done).toMatchObject({ status: 'completed', totals: { grantsCreated: 12, errors: 0 } });
    expect(await itemsOfKind('grant')).toHaveLength(12);
    // 12 grants in groups of 5 (one page): 3 transactions, and the checkpoints are updates
    expect(count.sent).toBe(3);
    // nothing existed, and nothing was read to find that out: the conditions are the check
    expect(count.grantReads).toBe(0);
  });

  it('a rerun over many pages: the first cancelled group tells the segment to read before writing', async () => {
    const count = countTransactions();
    const rerun = await run({ grantsPerTransaction: 5, pageSize: 6 });
    expect(rerun).toMatchObject({
      status: 'completed',
      totals: { grantsCreated: 0, errors: 0, skipped: { already_granted: 12 } },
    });
    expect(await itemsOfKind('grant')).toHaveLength(12);
    // one transaction, on the first page with a grant to make, meets the existing grants;
    // every later page reads them first and writes nothing
    expect(count.sent).toBe(1);
    expect(count.grantReads).toBeGreaterThan(1);
  });

  it('a group with a benefit an application holds: cancelled, redone grant by grant, the others created', async () => {
    // the claims the clean run took, to hold one of them by an application in a fresh table
    const claims = await itemsOfKind('claim');
    expect(claims).toHaveLength(12);
    const held = claims[4];
    await freshTable();
    await putFacts(FEED.facts);
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...held, holderKind: 'application', holderId: 'app_held_by_an_application' },
      }),
    );
    const count = countTransactions();
    const done = await run({ grantsPerTransaction: 5 });
    expect(done).toMatchObject({
      status: 'completed',
      totals: { grantsCreated: 11, errors: 0, skipped: { already_claimed: 1 } },
    });
    expect(await itemsOfKind('grant')).toHaveLength(11);
    const after = await itemsOfKind('claim');
    expect(after).toHaveLength(12);
    expect(after.filter((c) => c.holderKind === 'application')).toHaveLength(1);
    // 3 groups; the cancelled one (5 grants) again one by one
    expect(count.sent).toBe(3 + 5);

    // a rerun: nothing new, nothing written
    const rerun = await run({ grantsPerTransaction: 5 });
    expect(rerun.totals.grantsCreated).toBe(0);
    expect(await itemsOfKind('grant')).toHaveLength(11);
  });
});
