/**
 * Issue 11 through the real handlers: an admin authors a policy, its golden cases block a bad
 * version, the author cannot publish it, a second admin does, and GET /v1/me/matches changes
 * with no deploy; a parameter change takes effect on its date; retiring stops new applications
 * while an open one finishes.
 */
import { handler as createPolicy } from '../../../functions/http/create-policy/handler';
import { handler as createVersion } from '../../../functions/http/create-policy-version/handler';
import { handler as createApplication } from '../../../functions/http/create-application/handler';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as getPolicy } from '../../../functions/http/get-policy/handler';
import { handler as getVersion } from '../../../functions/http/get-policy-version/handler';
import { handler as listMatches } from '../../../functions/http/list-matches/handler';
import { handler as listVersions } from '../../../functions/http/list-policy-versions/handler';
import { handler as setParameter } from '../../../functions/http/set-parameter/handler';
import { handler as decideParameterValue } from '../../../functions/http/decide-parameter-value/handler';
import { handler as transition } from '../../../functions/http/transition-policy-version/handler';
import { handler as updateDraft } from '../../../functions/http/update-policy-draft/handler';
import { call } from '../../support/http';
import { TEST_BUSINESS_DATE, testClockOffset } from '../../support/env';
import { idemKey, ON_FILE, upload } from '../apply/setup';
import { bonusDocument, goldenCases, PARAM, studioCounty } from './support';

jest.setTimeout(180_000);

let t: Awaited<ReturnType<typeof studioCounty>>;
beforeAll(async () => {
  t = await studioCounty();
});
afterEach(() => {
  process.env.ZHIDA_CLOCK_OFFSET_MS = String(testClockOffset(TEST_BUSINESS_DATE));
});

const ID = 'county-hire-bonus';
const act = (token: string, version: number, action: string, body?: unknown) =>
  call(transition, 'POST /v1/admin/policy-versions/{id}/{version}/{action}', {
    token,
    params: { id: ID, version: String(version), action },
    ...(body === undefined ? {} : { body }),
  });
const bonusMatch = async (token: string) => {
  const m = await call(listMatches, 'GET /v1/me/matches', { token });
  expect(m.status).toBe(200);
  return (m.body.items as { policyId: string; verdict: string; estimatedFen: number }[]).find(
    (i) => i.policyId === ID,
  );
};
const setValue = (token: string, body: Record<string, unknown>) =>
  call(setParameter, 'PUT /v1/admin/parameters/{name}', { token, params: { name: PARAM }, body });

describe('policy studio: author → golden cases → four eyes → publish → matches, no deploy', () => {
  it('walks a new policy from draft to published and changes the matches', async () => {
    // the parameter the rule reads, from today
    const p = await setValue(t.admin01, {
      from: '2020-12-15',
      value: 300_000,
      label: '县级稳岗奖励标准',
      unit: 'fen',
    });
    expect(p.status).toBe(200);
    expect(p.body.values).toEqual([{ from: '2020-12-15', value: 300_000 }]);

    expect(await bonusMatch(t.trading01)).toBeUndefined();

    // a bad version: its golden case expects ¥5,000 but the rule pays ¥3,000
    const created = await call(createPolicy, 'POST /v1/admin/policy-versions', {
      token: t.admin01,
      body: { document: bonusDocument(), goldenCases: goldenCases(500_000) },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: ID, version: 1, status: 'draft' });
    expect(created.body.goldenResults[0]).toMatchObject({ passed: false });

    const refused = await act(t.admin01, 1, 'submit');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('GOLDEN_CASE_FAILED');
    expect(refused.body.error.message).toContain('正常经营的企业 → 奖励');
    expect(refused.body.error.message).toContain('金额应为 ¥5,000.00，实际为 ¥3,000.00');
    expect(refused.body.error.details.path).toEqual(['goldenCases', 0]);

    // fixed by the author, then submitted
    const fixed = await call(updateDraft, 'PUT /v1/admin/policy-versions/{id}/{version}', {
      token: t.admin01,
      params: { id: ID, version: '1' },
      body: { document: bonusDocument(), goldenCases: goldenCases(300_000) },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.goldenResults.every((r: { passed: boolean }) => r.passed)).toBe(true);
    const submitted = await act(t.admin01, 1, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');

    // four eyes: the author cannot publish their own version
    const own = await act(t.admin01, 1, 'publish');
    expect(own.status).toBe(403);
    expect(own.body.error.details.reason).toBe('FOUR_EYES');
    expect(await bonusMatch(t.trading01)).toBeUndefined();

    const published = await act(t.admin02, 1, 'publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: 'usr_admin02' });

    // the matches change at once, no deploy
    expect(await bonusMatch(t.trading01)).toMatchObject({
      verdict: 'eligible',
      estimatedFen: 300_000,
    });
    // the guide shows the parameter the rule reads
    const guide = await call(getPolicy, 'GET /v1/policies/{id}', { params: { id: ID } });
    expect(guide.status).toBe(200);
    expect(guide.body.parameters).toEqual([
      expect.objectContaining({ name: '县级稳岗奖励标准', value: 300_000, unit: '分' }),
    ]);

    // a published version is immutable
    const edit = await call(updateDraft, 'PUT /v1/admin/policy-versions/{id}/{version}', {
      token: t.admin01,
      params: { id: ID, version: '1' },
      body: { document: bonusDocument({ capFen: 2_000_000 }), goldenCases: goldenCases() },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.details.reason).toBe('NOT_DRAFT');

    // the audit trail
    const detail = await call(getVersion, 'GET /v1/admin/policy-versions/{id}/{version}', {
      token: t.auditor,
      params: { id: ID, version: '1' },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'PolicyVersionDrafted',
      'PolicyVersionEdited',
      'PolicyVersionSubmitted',
      'PolicyVersionPublished',
    ]);
  });

  it('a parameter change takes effect on its date, not before; past days are closed', async () => {
    // a new value of an existing parameter: proposed by one admin, approved by another
    // (parameter-four-eyes.test.ts walks the proposal itself)
    const later = await setValue(t.admin01, { from: '2020-12-21', value: 450_000 });
    expect(later.status).toBe(200);
    const approved = await call(
      decideParameterValue,
      'POST /v1/admin/parameters/{name}/{from}/{action}',
      { token: t.admin02, params: { name: PARAM, from: '2020-12-21', action: 'approve' } },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.values).toEqual([
      { from: '2020-12-15', value: 300_000 },
      { from: '2020-12-21', value: 450_000 },
    ]);
    expect(await bonusMatch(t.trading01)).toMatchObject({ estimatedFen: 300_000 });

    process.env.ZHIDA_CLOCK_OFFSET_MS = String(testClockOffset('2020-12-21'));
    expect(await bonusMatch(t.trading01)).toMatchObject({ estimatedFen: 450_000 });

    const past = await setValue(t.admin01, { from: '2020-12-01', value: 1 });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toMatchObject({ reason: 'RETROACTIVE', path: ['from'] });
  });

  it('a second version overlapping the published one cannot be published', async () => {
    const copy = await call(createVersion, 'POST /v1/admin/policy-versions/{id}', {
      token: t.admin01,
      params: { id: ID },
      body: {},
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ version: 2, status: 'draft' });
    expect((await act(t.admin01, 2, 'submit')).status).toBe(200);
    const clash = await act(t.admin02, 2, 'publish');
    expect(clash.status).toBe(400);
    expect(clash.body.error.details).toMatchObject({
      reason: 'OVERLAPPING_VERSIONS',
      path: ['document', 'effectiveFrom'],
    });
    const list = await call(listVersions, 'GET /v1/admin/policy-versions', { token: t.admin01 });
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((i: { id: string }) => i.id === ID);
    expect(mine.map((i: { version: number; status: string }) => [i.version, i.status])).toEqual([
      [1, 'published'],
      [2, 'in_review'],
    ]);
  });

  it('retiring stops new applications; an open one finishes under its version', async () => {
    const open = await call(createApplication, 'POST /v1/applications', {
      token: t.trading01,
      body: { policyId: ID, materials: [upload('hire_roster')], account: ON_FILE },
      headers: { 'idempotency-key': idemKey('bonus') },
    });
    expect(open.status).toBe(201);
    expect(open.body.requestedFen ?? open.body.entitlementFen).toBeGreaterThan(0);

    const retired = await act(t.admin01, 1, 'retire', { reason: '县财政调整，停止受理' });
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('retired');

    expect(await bonusMatch(t.trading01)).toBeUndefined();
    const again = await call(createApplication, 'POST /v1/applications', {
      token: t.eatery01,
      body: { policyId: ID, materials: [upload('hire_roster')], account: ON_FILE },
      headers: { 'idempotency-key': idemKey('bonus') },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('POLICY_RETIRED');

    // the open application is still seen and decided under version 1
    const seen = await call(getApplication, 'GET /v1/applications/{id}', {
      token: t.trading01,
      params: { id: open.body.id },
    });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ policyTitle: '县级稳岗奖励', policyVersion: 1 });
    const approved = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: t.hrssl1,
      params: { id: open.body.id },
      body: { kind: 'approve', amountFen: 300_000 },
    });
    expect(approved.status).toBe(200);
  });
});
