/**
 * Four eyes on a dated parameter (issue #11), through the real handlers: a new value for a
 * parameter a published policy reads is proposed by one admin and pays nothing until another
 * admin approves it; the proposer cannot approve it; once approved it takes effect on its date;
 * a rejected proposal (with its reason) never does; every step is on the parameter's audit
 * trail with who did it.
 */
import { handler as createPolicy } from '../../../functions/http/create-policy/handler';
import { handler as decideParameterValue } from '../../../functions/http/decide-parameter-value/handler';
import { handler as importCatalogue } from '../../../functions/http/import-catalogue/handler';
import { handler as listMatches } from '../../../functions/http/list-matches/handler';
import { handler as listParameters } from '../../../functions/http/list-parameters/handler';
import { handler as setParameter } from '../../../functions/http/set-parameter/handler';
import { handler as transition } from '../../../functions/http/transition-policy-version/handler';
import { parameterTimeline } from '../../../functions/repositories/policies';
import type { Actor } from '../../../shared/actor';
import { TEST_BUSINESS_DATE, testClockOffset } from '../../support/env';
import { call } from '../../support/http';
import { bonusDocument, goldenCases, PARAM, studioCounty } from './support';

jest.setTimeout(180_000);

let t: Awaited<ReturnType<typeof studioCounty>>;
const ID = 'county-hire-bonus';
const at = (date: string) => {
  process.env.ZHIDA_CLOCK_OFFSET_MS = String(testClockOffset(date));
};

beforeAll(async () => {
  t = await studioCounty();
  // a new parameter holds at once (no published version reads it yet) …
  const p = await propose(t.admin01, {
    from: TEST_BUSINESS_DATE,
    value: 300_000,
    label: '县级稳岗奖励标准',
    unit: 'fen',
  });
  expect(p.status).toBe(200);
  expect(p.body.values).toEqual([{ from: TEST_BUSINESS_DATE, value: 300_000 }]);
  // … and the policy that reads it is published by a second admin
  const created = await call(createPolicy, 'POST /v1/admin/policy-versions', {
    token: t.admin01,
    body: { document: bonusDocument(), goldenCases: goldenCases() },
  });
  expect(created.status).toBe(201);
  for (const [token, action] of [
    [t.admin01, 'submit'],
    [t.admin02, 'publish'],
  ] as const) {
    const r = await call(transition, 'POST /v1/admin/policy-versions/{id}/{version}/{action}', {
      token,
      params: { id: ID, version: '1', action },
    });
    expect(r.status).toBe(200);
  }
});
afterEach(() => {
  at(TEST_BUSINESS_DATE);
});

function propose(token: string, body: Record<string, unknown>) {
  return call(setParameter, 'PUT /v1/admin/parameters/{name}', {
    token,
    params: { name: PARAM },
    body,
  });
}
const decide = (token: string, from: string, action: string, body?: unknown) =>
  call(decideParameterValue, 'POST /v1/admin/parameters/{name}/{from}/{action}', {
    token,
    params: { name: PARAM, from, action },
    ...(body === undefined ? {} : { body }),
  });
const bonusFen = async () => {
  const m = await call(listMatches, 'GET /v1/me/matches', { token: t.trading01 });
  expect(m.status).toBe(200);
  return (m.body.items as { policyId: string; estimatedFen: number }[]).find(
    (i) => i.policyId === ID,
  )?.estimatedFen;
};

describe('a parameter value proposed by one admin takes effect only when another approves it', () => {
  it('proposed: not in effect, even on its date; the proposer cannot approve it; a second admin does', async () => {
    const proposed = await propose(t.admin01, {
      from: '2021-01-01',
      value: 450_000,
      note: '县政府常务会议决定提高标准',
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.values).toEqual([{ from: TEST_BUSINESS_DATE, value: 300_000 }]);
    expect(proposed.body.proposals).toEqual([
      expect.objectContaining({ from: '2021-01-01', value: 450_000, proposedBy: 'usr_admin01' }),
    ]);
    // the same date again while it waits: refused
    const again = await propose(t.admin01, { from: '2021-01-01', value: 460_000 });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ reason: 'PROPOSAL_PENDING' });

    // the policy still pays the approved value, before and on the proposed date
    expect(await bonusFen()).toBe(300_000);
    at('2021-01-01');
    expect(await bonusFen()).toBe(300_000);
    at(TEST_BUSINESS_DATE);

    // the list (the parameters page) says who may approve it, names the policy reading the
    // parameter by its title, and gives the business date a new value may start from
    for (const [token, canApprove] of [
      [t.admin01, false],
      [t.admin02, true],
    ] as const) {
      const list = await call(listParameters, 'GET /v1/admin/parameters', { token });
      expect(list.status).toBe(200);
      expect(list.body.asOf).toBe(TEST_BUSINESS_DATE);
      const mine = (list.body.items as Record<string, unknown>[]).find((i) => i.name === PARAM);
      expect(mine).toMatchObject({
        policyTitles: ['县级稳岗奖励'],
        proposals: [{ from: '2021-01-01', value: 450_000, canApprove }],
      });
    }

    // four eyes: not the proposer, not an auditor
    const own = await decide(t.admin01, '2021-01-01', 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'FOUR_EYES' } });
    expect(own.body.error.message).toContain('须由另一名管理员批准');
    expect((await decide(t.auditor, '2021-01-01', 'approve')).status).toBe(403);

    const approved = await decide(t.admin02, '2021-01-01', 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.values).toEqual([
      { from: TEST_BUSINESS_DATE, value: 300_000 },
      { from: '2021-01-01', value: 450_000 },
    ]);
    expect(approved.body.proposals).toBeUndefined();
    expect(approved.body.updatedBy).toBe('usr_admin02');

    // in effect on its date, not before
    expect(await bonusFen()).toBe(300_000);
    at('2021-01-01');
    expect(await bonusFen()).toBe(450_000);
  });

  it('a rejected proposal never takes effect; a reason is required; nothing to decide is a 409', async () => {
    expect((await propose(t.admin02, { from: '2021-06-01', value: 900_000 })).status).toBe(200);
    const bare = await decide(t.admin01, '2021-06-01', 'reject');
    expect(bare.status).toBe(400);
    const rejected = await decide(t.admin01, '2021-06-01', 'reject', {
      reason: '未经县政府常务会议研究',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.proposals).toBeUndefined();
    expect(rejected.body.values).not.toContainEqual({ from: '2021-06-01', value: 900_000 });
    at('2021-06-01');
    expect(await bonusFen()).toBe(450_000);

    const none = await decide(t.admin01, '2021-06-01', 'approve');
    expect(none.status).toBe(409);
    expect(none.body.error.details).toMatchObject({ reason: 'NO_PROPOSAL' });

    const list = await call(listParameters, 'GET /v1/admin/parameters', { token: t.auditor });
    expect(list.status).toBe(200);
    const p = (list.body.items as { name: string; values: unknown[] }[]).find(
      (i) => i.name === PARAM,
    );
    expect(p?.values).toHaveLength(2);
  });

  it('a proposal whose date has passed cannot be approved: it is proposed again', async () => {
    expect((await propose(t.admin01, { from: '2020-12-20', value: 350_000 })).status).toBe(200);
    at('2020-12-21');
    const late = await decide(t.admin02, '2020-12-20', 'approve');
    expect(late.status).toBe(400);
    expect(late.body.error.details).toMatchObject({ reason: 'RETROACTIVE' });
  });

  it('every step is on the parameter audit trail, with who proposed and who decided', async () => {
    const events = await parameterTimeline(PARAM);
    const who = (a: Actor | undefined) => (a && 'userId' in a ? a.userId : undefined);
    const steps = events.map((e) => ({
      type: e.type,
      from: e.from,
      by: who(e.by),
      proposedBy: who(e.proposedBy),
    }));
    expect(steps).toEqual([
      {
        type: 'ParameterValueSet',
        from: TEST_BUSINESS_DATE,
        by: 'usr_admin01',
        proposedBy: undefined,
      },
      {
        type: 'ParameterValueProposed',
        from: '2021-01-01',
        by: 'usr_admin01',
        proposedBy: undefined,
      },
      {
        type: 'ParameterValueSet',
        from: '2021-01-01',
        by: 'usr_admin02',
        proposedBy: 'usr_admin01',
      },
      {
        type: 'ParameterValueProposed',
        from: '2021-06-01',
        by: 'usr_admin02',
        proposedBy: undefined,
      },
      {
        type: 'ParameterValueRejected',
        from: '2021-06-01',
        by: 'usr_admin01',
        proposedBy: 'usr_admin02',
      },
      {
        type: 'ParameterValueProposed',
        from: '2020-12-20',
        by: 'usr_admin01',
        proposedBy: undefined,
      },
    ]);
    expect(events.find((e) => e.type === 'ParameterValueRejected')?.reason).toBe(
      '未经县政府常务会议研究',
    );
    expect(events.find((e) => e.type === 'ParameterValueProposed')?.note).toBe(
      '县政府常务会议决定提高标准',
    );
  });

  it('an import cannot go around it: a new value of an existing parameter arrives as a proposal', async () => {
    const imported = await call(importCatalogue, 'POST /v1/admin/catalogue:import', {
      token: t.admin01,
      body: {
        policies: [],
        parameters: [
          {
            name: PARAM,
            label: '县级稳岗奖励标准',
            unit: 'fen',
            values: [{ from: '2021-03-01', value: 999_900 }],
          },
        ],
      },
    });
    expect(imported.status).toBe(200);
    const list = await call(listParameters, 'GET /v1/admin/parameters', { token: t.admin01 });
    expect(list.status).toBe(200);
    const p = (
      list.body.items as { name: string; values: unknown[]; proposals?: unknown[] }[]
    ).find((i) => i.name === PARAM);
    expect(p?.values).not.toContainEqual({ from: '2021-03-01', value: 999_900 });
    expect(p?.proposals).toContainEqual(
      expect.objectContaining({ from: '2021-03-01', value: 999_900, proposedBy: 'usr_admin01' }),
    );
    const self = await decide(t.admin01, '2021-03-01', 'approve');
    expect(self.status).toBe(403);
    expect((await parameterTimeline(PARAM)).at(-1)).toMatchObject({
      type: 'ParameterValueProposed',
      from: '2021-03-01',
    });
  });
});
