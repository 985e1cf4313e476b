/**
 * Issue 16: with AUTO_GRANT_RECORDS=stream (as on AWS) an auto-grant run's only synchronous
 * write per grant is its entitlement claim, carrying the grant; the grant itself, its creation
 * events and its notice come from the table's stream (functions/queue/grant-deriver), read
 * here as Lambda reads it (infra/local/notice-stream.ts). They must be exactly what the run
 * writes in its own transaction (AUTO_GRANT_RECORDS unset), and written once however often
 * the stream delivers the claim.
 */
import { handler as deriver } from '../../../functions/queue/grant-deriver/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { getGrant, grantTimeline } from '../../../functions/repositories/grants';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { deriveGrantCreation } from '../../../functions/services/grant-derive';
import { tableName } from '../../../functions/repositories/table';
import type { GrantId } from '../../../shared/ids';
import type { Grant } from '../../../shared/lifecycle/grant';
import { streamReader } from '../../../infra/local/notice-stream';
import { itemsOfKind } from '../../support/items';
import { freshTable } from '../../support/table';
import { AS_OF, hireFeed, T_RUN } from './support';

jest.setTimeout(180_000);

const FEED = hireFeed({ six: 4, twelve: 4, short: 2 }); // 10 subjects, 8 grants
const endpoint = () => process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';

/** Everything a run left about its grants: states, events by grant, notices, claims. */
async function snapshot() {
  const grants = (await itemsOfKind('grant')).map((i) => i.state as { id: GrantId });
  const ids = grants.map((g) => g.id).sort();
  const states = Object.fromEntries(grants.map((g) => [g.id, g]));
  const timelines = Object.fromEntries(
    await Promise.all(ids.map(async (id) => [id, await grantTimeline(id)] as const)),
  );
  const notices = (await itemsOfKind('outbox'))
    .map((i) => i.record as { id: string })
    .sort((a, b) => a.id.localeCompare(b.id));
  const claimItems = await itemsOfKind('claim');
  const claims = claimItems.map((i) => `${String(i.PK)}|${String(i.SK)}|${String(i.holderId)}`);
  // the grants claims still carry, for the stream to write
  const carried = claimItems.filter((i) => i.grant !== undefined).map((i) => i.grant);
  return { ids, states, timelines, notices, claims: claims.sort(), carried };
}

async function run(): Promise<void> {
  const started = await startRun(
    { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 2 },
    { now: T_RUN },
  );
  const done = await processRun(started.id, { now: T_RUN });
  expect(done).toMatchObject({ status: 'completed', totals: { grantsCreated: 8, errors: 0 } });
}

describe('auto-grant with its derived records on the stream', () => {
  let inline: Awaited<ReturnType<typeof snapshot>>;
  const saved = process.env.AUTO_GRANT_RECORDS;
  afterAll(() => {
    if (saved === undefined) delete process.env.AUTO_GRANT_RECORDS;
    else process.env.AUTO_GRANT_RECORDS = saved;
  });

  it('inline (the default): events and notice in the grant’s transaction', async () => {
    delete process.env.AUTO_GRANT_RECORDS;
    await freshTable({ stream: true }); // read from its stream
    await putFacts(FEED.facts);
    await run();
    inline = await snapshot();
    expect(inline.ids).toHaveLength(8);
    expect(inline.carried).toEqual([]);
    expect(inline.notices).toHaveLength(8);
    for (const id of inline.ids)
      expect(inline.timelines[id]?.map((e) => e.type)).toEqual([
        'GrantDetected',
        'ConfirmationRequested',
      ]);
    // a grant whose run wrote them: the deriver recomputes the same creation and writes nothing
    expect(await deriveGrantCreation(await getGrant(inline.ids[0] as GrantId))).toBe('existed');
  });

  it('on the stream: the run writes the claims only, carrying the grants; the deriver writes the same grants, events and notices, once', async () => {
    process.env.AUTO_GRANT_RECORDS = 'stream';
    await freshTable({ stream: true }); // read from its stream
    await putFacts(FEED.facts);
    await run();
    const synchronous = await snapshot();
    expect(synchronous.ids).toEqual([]);
    expect(synchronous.claims).toEqual(inline.claims);
    expect(synchronous.notices).toEqual([]);
    // each claim carries the very grant the inline run wrote
    expect(Object.fromEntries(synchronous.carried.map((g) => [(g as Grant).id, g]))).toEqual(
      inline.states,
    );

    const reader = await streamReader({
      endpoint: endpoint(),
      tableName: tableName(),
      handler: deriver,
      from: 'TRIM_HORIZON',
    });
    expect(await reader.poll()).toBeGreaterThan(0);
    const derived = await snapshot();
    expect(derived).toEqual(inline);

    // the stream delivers every record again (a retried batch, a second consumer): nothing changes
    const again = await streamReader({
      endpoint: endpoint(),
      tableName: tableName(),
      handler: deriver,
      from: 'TRIM_HORIZON',
    });
    await again.poll();
    expect(await snapshot()).toEqual(inline);
  });

  it('refuses to derive a creation the stored grant does not match', async () => {
    const id = inline.ids[1] as GrantId;
    const grant = await getGrant(id);
    // detection without an account on file asks for one: a grant already in 公示 at version 1
    // is not what this lifecycle creates
    await expect(deriveGrantCreation({ ...grant, status: 'publicity' })).rejects.toThrow(
      /cannot be derived/,
    );
  });
});
