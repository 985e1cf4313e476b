/**
 * Issue #17 on the budget page: people read a policy's Chinese title, never its id. A policy
 * authored in the studio (not a seed) gets budget lines when it is published; its lines, the
 * changes that name it and the journal's transfer counterpart all carry its title — the seed
 * catalogue alone does not know it, and the page used to show `county-hire-bonus` there.
 */
import { handler as approveHandler } from '../../../functions/http/approve-budget-change/handler';
import { handler as createPolicy } from '../../../functions/http/create-policy/handler';
import { handler as getLineHandler } from '../../../functions/http/get-budget-line/handler';
import { handler as listChangesHandler } from '../../../functions/http/list-budget-changes/handler';
import { handler as listLinesHandler } from '../../../functions/http/list-budget-lines/handler';
import { handler as requestHandler } from '../../../functions/http/request-budget-change/handler';
import { handler as setParameter } from '../../../functions/http/set-parameter/handler';
import { handler as transition } from '../../../functions/http/transition-policy-version/handler';
import { openPolicyBudgets } from '../../../functions/services/budget';
import { findPolicy } from '../../../shared/policies';
import {
  BudgetChangeList,
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineList,
} from '../../../shared/schemas/budget';
import { TEST_BUSINESS_DATE } from '../../support/env';
import { call } from '../../support/http';
import { bonusDocument, goldenCases, PARAM, studioCounty } from './support';

jest.setTimeout(180_000);

const ID = 'county-hire-bonus';
const TITLE = '县级稳岗奖励';
const HIRE_LOCAL_TITLE = findPolicy('hire-local')?.title ?? '';

let t: Awaited<ReturnType<typeof studioCounty>>;

beforeAll(async () => {
  t = await studioCounty();
  await openPolicyBudgets(); // the seeds' lines (hire-local's among them)
  const p = await call(setParameter, 'PUT /v1/admin/parameters/{name}', {
    token: t.admin01,
    params: { name: PARAM },
    body: { from: TEST_BUSINESS_DATE, value: 300_000, label: '县级稳岗奖励标准', unit: 'fen' },
  });
  expect(p.status).toBe(200);
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

describe('the budget views name a studio-authored policy by its title (issue #17)', () => {
  it('its lines carry its title', async () => {
    const res = await call(listLinesHandler, 'GET /v1/admin/budget-lines', { token: t.auditor });
    expect(res.status).toBe(200);
    const mine = BudgetLineList.parse(res.body).items.filter((l) => l.policyId === ID);
    expect(mine.map((l) => [l.fiscalYear, l.policyTitle])).toEqual([
      [2020, TITLE],
      [2021, TITLE],
    ]);
  });

  it('a transfer names both policies by title: requested, pending, and in the journal once approved', async () => {
    const req = await call(requestHandler, 'POST /v1/admin/budget-changes', {
      token: t.admin01,
      body: {
        kind: 'transfer',
        policyId: ID,
        fiscalYear: 2021,
        toPolicyId: 'hire-local',
        toFiscalYear: 2021,
        amountFen: 100_000,
        reason: '结余调剂',
        documentNo: '高财社〔2021〕31号',
      },
    });
    expect(req.status).toBe(201);
    const requested = BudgetChangeView.parse(req.body);
    expect(requested).toMatchObject({
      policyId: ID,
      policyTitle: TITLE,
      toPolicyId: 'hire-local',
      toPolicyTitle: HIRE_LOCAL_TITLE,
    });

    const pending = await call(listChangesHandler, 'GET /v1/admin/budget-changes', {
      token: t.admin02,
    });
    expect(pending.status).toBe(200);
    expect(BudgetChangeList.parse(pending.body).items).toEqual([
      expect.objectContaining({ id: requested.id, policyTitle: TITLE }),
    ]);

    const ok = await call(approveHandler, 'POST /v1/admin/budget-changes/{id}/approve', {
      token: t.admin02,
      params: { id: requested.id },
    });
    expect(ok.status).toBe(200);
    expect(BudgetChangeView.parse(ok.body)).toMatchObject({
      status: 'approved',
      policyTitle: TITLE,
      toPolicyTitle: HIRE_LOCAL_TITLE,
    });

    const line = await call(getLineHandler, 'GET /v1/admin/budget-lines/{policyId}/{fiscalYear}', {
      token: t.auditor,
      params: { policyId: 'hire-local', fiscalYear: '2021' },
    });
    expect(line.status).toBe(200);
    const journal = BudgetLineDetail.parse(line.body).journal;
    expect(journal.find((e) => e.kind === 'transfer')?.counterpart).toEqual({
      policyId: ID,
      policyTitle: TITLE,
      fiscalYear: 2021,
    });
  });
});
