/**
 * 政策找企业, second half (issue #11), through the real handlers: when a second admin publishes a
 * version, the subjects it misses by exactly one condition are told, through the same outbox job
 * as the newly-qualified notice, which condition and what would meet it
 * ("再稳定就业1个月即可申请") — once per (version, subject), however often the job runs. Subjects
 * two conditions short, or qualified, get no near-miss notice.
 */
import { itemsOfKind } from '../../support/items';
import { handler as createPolicy } from '../../../functions/http/create-policy/handler';
import { handler as transition } from '../../../functions/http/transition-policy-version/handler';
import { putFacts } from '../../../functions/repositories/facts';
import type { OutboxRecord } from '../../../functions/repositories/outbox';
import { createRun, findRun } from '../../../functions/repositories/runs';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import {
  nearMissAggregateId,
  policyNoticeRunId,
  processPolicyNotices,
  startPolicyNotices,
} from '../../../functions/services/policy-notices';
import * as ex from '../../../shared/facts/examples';
import { deterministicId, type RunId } from '../../../shared/ids';
import { idNumberCheckChar } from '../../../shared/subject';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { adminToken } from '../money/support';
import { bonusDocument } from './support';

jest.setTimeout(180_000);

const ID = 'county-stable-work';
const idNumber = (seq: string) => {
  const first17 = `62072419900101${seq}`;
  return first17 + idNumberCheckChar(first17);
};
/** A registered-poor (or not) worker with `months` months of stable employment. */
const worker = (code: string, poor: boolean, months: number) => [
  ex.povertyRegistry({ registeredPoor: poor }, code),
  ex.personInsurance({ employment: 'employed', consecutiveMonths: months }, code),
];
const QUALIFIED = idNumber('101'); // poor, 3 months: qualifies
const ONE_MONTH_SHORT = idNumber('102'); // poor, 2 months: one condition short
const TWO_SHORT = idNumber('103'); // not poor, 1 month: two conditions short
const NOT_POOR = idNumber('104'); // not poor, 6 months: one condition short (the registry)

const POOR = {
  id: 'registered_poor',
  label: '建档立卡贫困劳动力',
  rule: {
    op: 'eq',
    args: [
      { op: 'fact', path: 'poverty_registry.registeredPoor' },
      { op: 'const', value: true },
    ],
  },
};
const STABLE = {
  id: 'stable_3_months',
  label: '稳定就业3个月以上',
  rule: {
    op: 'gte',
    args: [
      { op: 'fact', path: 'social_insurance.consecutiveMonths' },
      { op: 'const', value: 3 },
    ],
  },
};
const document = () =>
  bonusDocument({
    id: ID,
    title: '县级稳定就业奖补',
    summary: '建档立卡贫困劳动力稳定就业3个月以上的，给予一次性奖补。',
    subjectKind: 'person',
    eligibility: [POOR, STABLE],
    amount: { op: 'const', value: 50_000 },
    capFen: 50_000,
  });
const goldenCases = [
  {
    name: '贫困劳动力稳定就业3个月 → 奖补',
    facts: worker(ex.DEMO_PERSON, true, 3),
    asOf: '2020-12-15',
    verdict: 'eligible',
    amountFen: 50_000,
  },
  {
    name: '稳定就业2个月 → 不符合',
    facts: worker(ex.DEMO_PERSON, true, 2),
    asOf: '2020-12-15',
    verdict: 'ineligible',
    failing: ['stable_3_months'],
  },
];

async function policyNotices(): Promise<OutboxRecord[]> {
  const records = (await itemsOfKind('outbox')).map((i) => i.record as OutboxRecord);
  return records.filter((r) => r.aggregate.kind === 'policy');
}
const isNearMiss = (r: OutboxRecord) => r.aggregate.id.endsWith('~near');

async function settled(id: RunId) {
  for (let i = 0; i < 400; i++) {
    const run = await findRun(id);
    if (run && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('notice job did not finish');
}

describe('政策找企业: publishing tells the subjects one condition short what would meet it', () => {
  let author: string;
  let publisher: string;

  beforeAll(async () => {
    await freshTable();
    author = await adminToken();
    publisher = await adminToken();
    await putFacts([
      ...worker(QUALIFIED, true, 3),
      ...worker(ONE_MONTH_SHORT, true, 2),
      ...worker(TWO_SHORT, false, 1),
      ...worker(NOT_POOR, false, 6),
    ]);
  });

  const act = (token: string, action: string) =>
    call(transition, 'POST /v1/admin/policy-versions/{id}/{version}/{action}', {
      token,
      params: { id: ID, version: '1', action },
    });

  it('the subject one month short gets exactly one notice naming the condition; a rerun sends none', async () => {
    const created = await call(createPolicy, 'POST /v1/admin/policy-versions', {
      token: author,
      body: { document: document(), goldenCases },
    });
    expect(created.status).toBe(201);
    expect((await act(author, 'submit')).status).toBe(200);
    expect((await act(publisher, 'publish')).status).toBe(200);

    const run = await settled(policyNoticeRunId(ID, 1));
    expect(run.status).toBe('completed');
    expect(run.tallies).toMatchObject({
      qualified: 1,
      noticesWritten: 1,
      oneShort: 2,
      nearMissWritten: 2,
    });

    const all = await policyNotices();
    // the qualified subject: the newly-qualified notice, no near miss
    expect(all.filter((n) => !isNearMiss(n)).map((n) => n.subjectId)).toEqual([
      subjectIdOf(QUALIFIED),
    ]);
    const near = all.filter(isNearMiss);
    expect(near.map((n) => n.subjectId).sort()).toEqual(
      [subjectIdOf(ONE_MONTH_SHORT), subjectIdOf(NOT_POOR)].sort(),
    );
    // exactly one for the subject one month short, naming the condition and what meets it
    const short = near.filter((n) => n.subjectId === subjectIdOf(ONE_MONTH_SHORT));
    expect(short).toHaveLength(1);
    expect(short[0]?.aggregate).toEqual({
      kind: 'policy',
      id: nearMissAggregateId(ID, subjectIdOf(ONE_MONTH_SHORT)),
      version: 1,
    });
    expect(short[0]?.notice.status).toBe('还差一项');
    expect(short[0]?.notice.text).toContain('「县级稳定就业奖补」');
    expect(short[0]?.notice.text).toContain('「稳定就业3个月以上」');
    expect(short[0]?.notice.text).toContain('再稳定就业1个月即可申请');
    expect(short[0]?.notice.text).not.toMatch(/[a-z]+_[a-z]+|consecutiveMonths/);
    // the one not on the registry is told that condition instead
    const notPoor = near.find((n) => n.subjectId === subjectIdOf(NOT_POOR));
    expect(notPoor?.notice.text).toContain('「建档立卡贫困劳动力」');
    // two conditions short: nothing
    expect(all.map((n) => n.subjectId)).not.toContain(subjectIdOf(TWO_SHORT));

    // the same job again: completed, nothing new
    const again = await startPolicyNotices(ID, 1, new Date());
    expect(again.id).toBe(run.id);
    await processPolicyNotices(again.id);
    // a second job over the same version (a page redone after a crash): each notice found, none doubled
    const rerunId = deterministicId('run', 'notify', ID, 'v1', 'rerun');
    await createRun({
      id: rerunId,
      asOf: run.asOf,
      policyIds: [ID],
      totalSegments: 2,
      dispatch: 'in-process',
      startedAt: run.startedAt,
      sandbox: { policyId: ID, version: 1 },
    });
    const rerun = await processPolicyNotices(rerunId);
    expect(rerun.status).toBe('completed');
    expect(rerun.tallies).toMatchObject({ oneShort: 2, nearMissAlreadyNotified: 2 });
    expect(rerun.tallies.nearMissWritten ?? 0).toBe(0);
    const after = await policyNotices();
    expect(after).toHaveLength(all.length);
    expect(
      after.filter((n) => isNearMiss(n) && n.subjectId === subjectIdOf(ONE_MONTH_SHORT)),
    ).toHaveLength(1);
  });
});
