/**
 * 政策找企业 (issue #11) through the real handlers: a second admin publishing a version starts a
 * job that writes one outbox notice to every subject the version newly qualifies — payable
 * under it, not under the version before — once per (version, subject), however often the
 * job runs.
 */
import { itemsOfKind } from '../../support/items';
import { handler as createPolicy } from '../../../functions/http/create-policy/handler';
import { handler as createVersion } from '../../../functions/http/create-policy-version/handler';
import { handler as setParameter } from '../../../functions/http/set-parameter/handler';
import { handler as transition } from '../../../functions/http/transition-policy-version/handler';
import { putFacts } from '../../../functions/repositories/facts';
import type { OutboxRecord } from '../../../functions/repositories/outbox';
import { createRun, findRun } from '../../../functions/repositories/runs';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import {
  policyNoticeRunId,
  processPolicyNotices,
  startPolicyNotices,
} from '../../../functions/services/policy-notices';
import * as ex from '../../../shared/facts/examples';
import { deterministicId, type RunId } from '../../../shared/ids';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { adminToken, hireFeed } from '../money/support';
import { bonusDocument, PARAM } from './support';

jest.setTimeout(180_000);

const ID = 'county-hire-bonus';
const OPERATING = {
  id: 'operating',
  label: '市场主体登记状态为存续（正常经营）',
  rule: {
    op: 'eq',
    args: [
      { op: 'fact', path: 'market_registry.status' },
      { op: 'const', value: 'operating' },
    ],
  },
};
const SME = {
  id: 'sme',
  label: '属于中小微企业',
  rule: {
    op: 'in',
    value: { op: 'fact', path: 'market_registry.size' },
    options: ['micro', 'small', 'medium'],
  },
};
const cases = (asOf: string) => [
  {
    name: '正常经营的小微企业 → 奖励',
    facts: [ex.marketRegistry()],
    asOf,
    verdict: 'eligible',
    amountFen: 300_000,
  },
];

async function policyNotices(): Promise<OutboxRecord[]> {
  const records = (await itemsOfKind('outbox')).map((i) => i.record as OutboxRecord);
  // the newly-qualified notices (near misses, `~near`: near-miss-notices.test.ts)
  return records.filter((r) => r.aggregate.kind === 'policy' && !r.aggregate.id.endsWith('~near'));
}

async function settled(id: RunId) {
  for (let i = 0; i < 400; i++) {
    const run = await findRun(id);
    if (run && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('notice job did not finish');
}

describe('政策找企业: publishing notifies the subjects a version newly qualifies', () => {
  let author: string;
  let publisher: string;
  // 3 + 3 + 2 small enterprises and 2 large ones, all operating
  const feed = hireFeed({ six: 3, twelve: 3, short: 2, large: 2 });
  const large = feed.codes.filter((c) => c.profile === 'large').map((c) => subjectIdOf(c.code));

  beforeAll(async () => {
    await freshTable();
    author = await adminToken();
    publisher = await adminToken();
    await putFacts(feed.facts);
    const p = await call(setParameter, 'PUT /v1/admin/parameters/{name}', {
      token: author,
      params: { name: PARAM },
      body: { from: '2020-12-15', value: 300_000, label: '县级稳岗奖励标准', unit: 'fen' },
    });
    expect(p.status).toBe(200);
  });

  const act = (token: string, version: number, action: string) =>
    call(transition, 'POST /v1/admin/policy-versions/{id}/{version}/{action}', {
      token,
      params: { id: ID, version: String(version), action },
    });

  it('version 1 (small enterprises): each of the 8 gets one notice, and a rerun sends none', async () => {
    const created = await call(createPolicy, 'POST /v1/admin/policy-versions', {
      token: author,
      body: {
        document: bonusDocument({ eligibility: [OPERATING, SME] }),
        goldenCases: cases('2020-12-15'),
      },
    });
    expect(created.status).toBe(201);
    expect((await act(author, 1, 'submit')).status).toBe(200);
    expect(await policyNotices()).toEqual([]); // nothing before it is published
    expect((await act(publisher, 1, 'publish')).status).toBe(200);

    const run = await settled(policyNoticeRunId(ID, 1));
    expect(run).toMatchObject({ status: 'completed', asOf: '2020-12-15' });
    // the 2 large enterprises miss it by one condition (中小微): a near miss each, not this notice
    expect(run.tallies).toMatchObject({ qualified: 8, noticesWritten: 8, oneShort: 2 });
    const notices = await policyNotices();
    expect(notices).toHaveLength(8);
    expect(new Set(notices.map((n) => n.subjectId)).size).toBe(8);
    for (const l of large) expect(notices.map((n) => n.subjectId)).not.toContain(l);
    expect(notices[0]?.notice.text).toContain('「县级稳岗奖励」');
    expect(notices[0]?.notice.text).toContain('¥3,000.00');
    expect(notices[0]?.notice.text).toContain('申请');

    // the same job again: already completed, nothing new
    const again = await startPolicyNotices(ID, 1, new Date());
    expect(again.id).toBe(run.id);
    await processPolicyNotices(again.id);
    // a second job over the same version (a page redone after a crash): each notice is found, none doubled
    const rerunId = deterministicId('run', 'notify', ID, 'v1', 'rerun');
    await createRun({
      id: rerunId,
      asOf: run.asOf,
      policyIds: [ID],
      totalSegments: 3,
      dispatch: 'in-process',
      startedAt: run.startedAt,
      sandbox: { policyId: ID, version: 1 },
    });
    const rerun = await processPolicyNotices(rerunId);
    expect(rerun.status).toBe('completed');
    expect(rerun.tallies).toMatchObject({ qualified: 8, alreadyNotified: 8 });
    expect(rerun.tallies.noticesWritten ?? 0).toBe(0);
    expect(await policyNotices()).toHaveLength(8);
  });

  it('version 2 (2022, any size): only the 2 large enterprises are new to it', async () => {
    const v2 = await call(createVersion, 'POST /v1/admin/policy-versions/{id}', {
      token: author,
      params: { id: ID },
      body: {
        document: bonusDocument({
          eligibility: [OPERATING],
          effectiveFrom: '2022-01-01',
          effectiveTo: '2022-12-31',
        }),
        goldenCases: cases('2022-03-01'),
      },
    });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    expect((await act(author, 2, 'submit')).status).toBe(200);
    expect((await act(publisher, 2, 'publish')).status).toBe(200);

    const run = await settled(policyNoticeRunId(ID, 2));
    expect(run).toMatchObject({ status: 'completed', asOf: '2022-01-01' });
    expect(run.tallies).toMatchObject({ qualified: 2, noticesWritten: 2 });
    const fresh = (await policyNotices()).filter((n) => n.aggregate.version === 2);
    expect(fresh.map((n) => n.subjectId).sort()).toEqual([...large].sort());
    expect(fresh[0]?.notice.text).toContain('2022-01-01起');
  });
});
