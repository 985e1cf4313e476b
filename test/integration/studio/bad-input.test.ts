/**
 * Issue 11, bad input: every refusal names the offending path in Chinese, and nothing is
 * half-saved (the version list and the import are unchanged after a refusal).
 */
import { handler as createPolicy } from '../../../functions/http/create-policy/handler';
import { handler as exportCatalogue } from '../../../functions/http/export-catalogue/handler';
import { handler as importCatalogue } from '../../../functions/http/import-catalogue/handler';
import { handler as listParameters } from '../../../functions/http/list-parameters/handler';
import { handler as listVersions } from '../../../functions/http/list-policy-versions/handler';
import { handler as setParameter } from '../../../functions/http/set-parameter/handler';
import { call } from '../../support/http';
import { bonusDocument, goldenCases, PARAM, studioCounty } from './support';

jest.setTimeout(180_000);

let t: Awaited<ReturnType<typeof studioCounty>>;
beforeAll(async () => {
  t = await studioCounty();
  const p = await call(setParameter, 'PUT /v1/admin/parameters/{name}', {
    token: t.admin01,
    params: { name: PARAM },
    body: { from: '2020-12-15', value: 300_000, label: '县级稳岗奖励标准', unit: 'fen' },
  });
  expect(p.status).toBe(200);
});

const create = (document: unknown, token = t.admin01) =>
  call(createPolicy, 'POST /v1/admin/policy-versions', {
    token,
    body: { document, goldenCases: goldenCases() },
  });
const versionIds = async () => {
  const list = await call(listVersions, 'GET /v1/admin/policy-versions', { token: t.admin01 });
  expect(list.status).toBe(200);
  return (list.body.items as { id: string; version: number }[]).map((i) => `${i.id}#${i.version}`);
};
const operating = (path: string, value: unknown) => [
  {
    id: 'operating',
    label: '市场主体登记状态为存续（正常经营）',
    rule: {
      op: 'eq',
      args: [
        { op: 'fact', path },
        { op: 'const', value },
      ],
    },
  },
];

describe('policy studio refuses bad documents with a Chinese message and the path', () => {
  it.each<[string, Record<string, unknown>, (string | number)[], RegExp]>([
    [
      'unknown fact path',
      { eligibility: operating('market_registry.statuss', 'operating') },
      ['document', 'eligibility', 0, 'rule', 'args[0]'],
      /未知的事实路径「market_registry\.statuss」/,
    ],
    [
      'type mismatch (a number compared with an enum)',
      { eligibility: operating('market_registry.status', 3) },
      ['document', 'eligibility', 0, 'rule'],
      /条件「市场主体登记状态为存续（正常经营）」/,
    ],
    [
      'window ending before it starts',
      { effectiveFrom: '2021-12-31', effectiveTo: '2021-01-01' },
      ['document', 'effectiveTo'],
      /有效期开始晚于结束/,
    ],
    [
      'a cap below an amount tier',
      {
        amount: {
          op: 'tier',
          value: { op: 'fact', path: 'market_registry.registeredOn' },
          tiers: [{ atLeast: 1, amount: 2_000_000 }],
          otherwise: 0,
        },
      },
      ['document', 'amount', 'tiers', 0, 'amount'],
      /单户上限（1000000分）低于金额档位（2000000分）/,
    ],
    [
      'an unknown parameter',
      { amount: { op: 'param', name: 'county-hire-bonus.amont' } },
      ['document', 'amount'],
      /未知的参数「county-hire-bonus\.amont」/,
    ],
    ['a wrong field type', { capFen: '1000000' }, ['document', 'capFen'], /capFen 类型不符/],
  ])('%s → 400 with the path, nothing saved', async (_name, patch, path, message) => {
    const before = await versionIds();
    const res = await create(bonusDocument({ id: 'bad-policy', ...patch }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.path).toEqual(path);
    expect(await versionIds()).toEqual(before);
  });

  it('a duplicate policy id → 409 DUPLICATE naming the id', async () => {
    const res = await create(bonusDocument({ id: 'hire-local' }));
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({
      reason: 'DUPLICATE_POLICY_ID',
      path: ['document', 'id'],
    });
    expect(res.body.error.message).toContain('hire-local');
  });

  it('golden cases that do not parse → 400 with their path', async () => {
    const res = await call(createPolicy, 'POST /v1/admin/policy-versions', {
      token: t.admin01,
      body: { document: bonusDocument({ id: 'gc-bad' }), goldenCases: [{ name: 'x' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path.slice(0, 2)).toEqual(['goldenCases', 0]);
  });

  it('an import with one bad policy or a duplicate id saves nothing at all', async () => {
    const before = await versionIds();
    const newParam = {
      name: 'import-test.amount',
      label: '导入测试标准',
      unit: 'fen',
      values: [{ from: '2020-12-15', value: 1000 }],
    };
    const good = { document: bonusDocument({ id: 'import-ok' }), goldenCases: goldenCases() };
    const bad = {
      document: bonusDocument({ id: 'import-bad', effectiveTo: '2019-01-01' }),
      goldenCases: [],
    };
    const refused = await call(importCatalogue, 'POST /v1/admin/catalogue:import', {
      token: t.admin01,
      body: { parameters: [newParam], policies: [good, bad] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.path).toEqual(['policies', 1, 'document', 'effectiveTo']);

    const dup = await call(importCatalogue, 'POST /v1/admin/catalogue:import', {
      token: t.admin01,
      body: { parameters: [newParam], policies: [good, good] },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details).toMatchObject({
      reason: 'DUPLICATE_POLICY_ID',
      path: ['policies', 1, 'document', 'id'],
    });

    expect(await versionIds()).toEqual(before);
    const params = await call(listParameters, 'GET /v1/admin/parameters', { token: t.admin01 });
    expect(params.status).toBe(200);
    expect(params.body.items.map((p: { name: string }) => p.name)).not.toContain(
      'import-test.amount',
    );

    // the same import without the bad entry goes in whole
    const okImport = await call(importCatalogue, 'POST /v1/admin/catalogue:import', {
      token: t.admin01,
      body: { parameters: [newParam], policies: [good] },
    });
    expect(okImport.status).toBe(200);
    expect(okImport.body).toEqual({
      drafts: [{ id: 'import-ok', version: 1 }],
      parameters: ['import-test.amount'],
    });
  });

  it('export: the 16 seeds and the 2 current demo policies are published, with the parameters', async () => {
    const res = await call(exportCatalogue, 'GET /v1/admin/catalogue:export', {
      token: t.auditor,
    });
    expect(res.status).toBe(200);
    const published = (
      res.body.policies as { status: string; document: { id: string; version: number } }[]
    ).filter((p) => p.status === 'published');
    expect(published).toHaveLength(18);
    expect(published.every((p) => p.document.version === 1)).toBe(true);
    expect(published.map((p) => p.document.id)).toEqual(
      expect.arrayContaining([
        'hire-local',
        'startup-grant',
        'hire-local-2026',
        'startup-grant-2026',
      ]),
    );
    expect(res.body.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['startup-grant.amount', 'hire-local-2026.per-person']),
    );
  });

  it('auditors read, never write; applicants and reviewers see nothing', async () => {
    expect((await create(bonusDocument({ id: 'audit-try' }), t.auditor)).status).toBe(403);
    const param = await call(setParameter, 'PUT /v1/admin/parameters/{name}', {
      token: t.auditor,
      params: { name: PARAM },
      body: { from: '2020-12-31', value: 1 },
    });
    expect(param.status).toBe(403);
    for (const token of [t.trading01, t.hrssl1]) {
      const list = await call(listVersions, 'GET /v1/admin/policy-versions', { token });
      expect(list.status).toBe(403);
    }
  });
});
