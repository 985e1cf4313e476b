/**
 * Issue 14, frozen facts: an application freezes the fact records its judgement used (by
 * reference to immutable version records, with their hash and the policy version). A
 * corrected feed imported later changes today's facts, not the explanation of what was
 * judged; and the corrected record's old value, period and import id stay readable.
 */
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as importFacts } from '../../../functions/http/import-facts/handler';
import { handler as listMatches } from '../../../functions/http/list-matches/handler';
import { handler as getRunHandler } from '../../../functions/http/get-run/handler';
import { handler as startRunHandler } from '../../../functions/http/start-run/handler';
import { factHistoryOf, factsOf } from '../../../functions/repositories/facts';
import { listGrantsBySubject } from '../../../functions/repositories/grants';
import { frozenExplanation } from '../../../functions/services/frozen-facts';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { DEMO_CODES } from '../../../infra/local/demo-data';
import { employerInsurance, personEmployment } from '../../../shared/facts/examples';
import { call } from '../../support/http';
import { apply, demoCounty, STARTUP_ALL_BUT_OPTIONAL, type DemoUser } from '../apply/setup';

let tokens: Record<DemoUser, string>;

beforeAll(async () => {
  tokens = await demoCounty();
});

const detail = async (token: string, id: string) => {
  const res = await call(getApplication, 'GET /v1/applications/{id}', { token, params: { id } });
  expect(res.status).toBe(200);
  return res.body;
};

const startupMatch = async () => {
  const res = await call(listMatches, 'GET /v1/me/matches', { token: tokens.wangxm01 });
  expect(res.status).toBe(200);
  return (res.body.items as { policyId: string; verdict: string }[]).find(
    (m) => m.policyId === 'startup-grant',
  );
};

it('an explanation is unchanged after a corrected feed is imported, and the corrected value’s history is readable', async () => {
  const { id } = await apply(tokens.wangxm01, 'startup-grant', STARTUP_ALL_BUT_OPTIONAL);
  const before = await detail(tokens.hrssl1, id);
  expect(before.explanation.verdict).toBe('eligible');
  expect(before.frozenFacts).toMatchObject({ policyVersion: 1, intact: true });
  expect(before.frozenFacts.hash).toMatch(/^[0-9a-f]{64}$/);
  const employment = (before.frozenFacts.facts as { source: string; importId: string }[]).find(
    (f) => f.source === 'employment_registry',
  );
  expect(employment).toBeDefined();

  // the 人社 registry corrects 王小明's record: the business did not operate normally
  const corrected = personEmployment(
    {
      graduateOn: '2019-06-30',
      firstBusinessStartedOn: '2019-07-01',
      businessMonthsOperating: 3,
      businessOperatingNormally: false,
    },
    DEMO_CODES.graduate,
  );
  const imported = await call(importFacts, 'POST /v1/admin/facts:import', {
    token: tokens.admin01,
    body: { format: 'jsonl', content: JSON.stringify(corrected), feed: '人社局就业登记（更正）' },
  });
  expect(imported.status).toBe(200);
  expect(imported.body.importId).toMatch(/^imp_[0-9a-f]{24}$/);

  // today's facts changed: the live estimate no longer says eligible …
  expect((await startupMatch())?.verdict).not.toBe('eligible');
  // … but what was judged is explained as it was judged, to the reviewer and the applicant
  const after = await detail(tokens.hrssl1, id);
  expect(after.explanation).toEqual(before.explanation);
  expect(after.frozenFacts).toEqual(before.frozenFacts);
  const mine = await detail(tokens.wangxm01, id);
  expect(mine.explanation).toEqual(before.explanation);

  // the history keeps both values, each with its period and import id
  const subjectId = subjectIdOf(DEMO_CODES.graduate);
  const current = (await factsOf(subjectId)).filter((f) => f.source === 'employment_registry');
  expect(current).toHaveLength(1);
  expect(current[0]?.values).toMatchObject({ businessOperatingNormally: false });
  const history = (await factHistoryOf(subjectId)).filter(
    (v) => v.fact.source === 'employment_registry',
  );
  expect(history).toHaveLength(2);
  const old = history.find((v) => v.importId !== imported.body.importId);
  const fresh = history.find((v) => v.importId === imported.body.importId);
  expect(old?.fact.values).toMatchObject({ businessOperatingNormally: true });
  expect(old?.fact.period).toEqual(corrected.period);
  expect(old?.importId).toBe(employment?.importId);
  expect(fresh?.fact.values).toMatchObject({ businessOperatingNormally: false });

  // importing the same corrected feed again is the same import: no third version
  const again = await call(importFacts, 'POST /v1/admin/facts:import', {
    token: tokens.admin01,
    body: { format: 'jsonl', content: JSON.stringify(corrected), feed: '人社局就业登记（更正）' },
  });
  expect(again.status).toBe(200);
  expect(again.body.importId).toBe(imported.body.importId);
  expect(
    (await factHistoryOf(subjectId)).filter((v) => v.fact.source === 'employment_registry'),
  ).toHaveLength(2);
});

it('a grant detected by the auto-grant run freezes its facts by reference; its explanation survives a corrected feed', async () => {
  const runs = await call(startRunHandler, 'POST /v1/admin/runs', {
    token: tokens.admin01,
    body: { asOf: '2020-12-15', policyIds: ['hire-local'], totalSegments: 2 },
  });
  expect(runs.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const run = await call(getRunHandler, 'GET /v1/admin/runs/{id}', {
      token: tokens.admin01,
      params: { id: runs.body.id as string },
    });
    expect(run.status).toBe(200);
    if (run.body.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const subjectId = subjectIdOf(DEMO_CODES.trading);
  const grant = (await listGrantsBySubject(subjectId)).items.find(
    (g) => g.policyVersion === 1 && g.frozenFacts !== undefined,
  );
  expect(grant?.frozenFacts).toMatchObject({ asOf: '2020-12-15', policyVersion: 1 });
  expect(grant?.frozenFacts?.hash).toMatch(/^[0-9a-f]{64}$/);
  if (!grant) throw new Error('no grant');
  const before = await frozenExplanation(grant);
  expect(before).toMatchObject({ intact: true, explanation: { verdict: 'eligible' } });

  // the 社保 feed is corrected: none of the four 2020 employees stayed
  const corrected = employerInsurance(
    { employees: [], unemploymentInsurancePaidFen: 0, headcountAtYearStart: 18 },
    DEMO_CODES.trading,
    { from: '2020-01-01', to: '2025-12-31' },
  );
  const imported = await call(importFacts, 'POST /v1/admin/facts:import', {
    token: tokens.admin01,
    body: { format: 'jsonl', content: JSON.stringify(corrected) },
  });
  expect(imported.status).toBe(200);
  expect(await frozenExplanation(grant)).toEqual(before);
  const history = (await factHistoryOf(subjectId)).filter(
    (v) => v.fact.source === 'social_insurance' && v.fact.period.from === '2020-01-01',
  );
  expect(
    history.map((v) => {
      const values = v.fact.values as { employees?: unknown[] };
      return values.employees?.length;
    }),
  ).toEqual(expect.arrayContaining([0, 4]));
  expect(history).toHaveLength(2);
});
