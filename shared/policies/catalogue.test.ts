import { DomainError } from '../errors';
import { CATALOGUE, findPolicy, listPolicies, parsePolicyVersion, PolicyVersion } from './index';

const ALL_IDS = [
  'hire-local',
  'hire-poor',
  'job-retention-refund',
  'training-subsidy',
  'labour-agency-reward',
  'retail-supply-reward',
  'enterprise-awards',
  'rent-waiver-state',
  'rent-waiver-2023',
  'startup-loan',
  'startup-loan-interest',
  'startup-grant',
  'incubator-fee-waiver',
  'transfer-transport',
  'transfer-stable',
  'flexible-employment-insurance',
];

describe('catalogue', () => {
  it('carries every policy of POLICIES.md §A–D, in order', () => {
    expect(listPolicies().map((p) => p.id)).toEqual(ALL_IDS);
  });

  it.each(ALL_IDS)('%s survives a JSON round trip and re-parses (policies are data)', (id) => {
    const policy = findPolicy(id) as PolicyVersion;
    const copy: unknown = JSON.parse(JSON.stringify(policy));
    expect(parsePolicyVersion(copy)).toEqual(policy);
  });

  it.each(ALL_IDS)('%s cites a seed clause, states budget ≥ cap > 0, labels in Chinese', (id) => {
    const p = findPolicy(id) as PolicyVersion;
    expect(p.source.clause.length).toBeGreaterThan(0);
    expect(p.capFen).toBeGreaterThan(0);
    expect(p.budgetFen).toBeGreaterThanOrEqual(p.capFen);
    for (const c of p.eligibility) expect(c.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(['hire-local', 'job-retention-refund', 'transfer-stable', 'enterprise-awards'])(
    '%s is paid without application (auto or both)',
    (id) => expect(['auto', 'both']).toContain(findPolicy(id)?.mode),
  );

  it('startup-grant: apply, two review levels, exactly one 容缺 material', () => {
    const p = findPolicy('startup-grant') as PolicyVersion;
    expect(p.mode).toBe('apply');
    expect(p.reviewLevels).toBe(2);
    expect(p.materials.filter((m) => m.optional)).toHaveLength(1);
  });

  it('enterprise-awards pays within 9 working days (002)', () => {
    expect(findPolicy('enterprise-awards')?.paymentSlaWorkingDays).toBe(9);
  });

  it('findPolicy: unknown id → undefined; an explicit version', () => {
    expect(findPolicy('no-such-policy')).toBeUndefined();
    expect(findPolicy('hire-local', 1)?.version).toBe(1);
    expect(findPolicy('hire-local', 2)).toBeUndefined();
  });

  it('catalogue entries are frozen: a published version is never edited', () => {
    expect(Object.isFrozen(CATALOGUE[0])).toBe(true);
  });
});

describe('parsePolicyVersion refuses', () => {
  const base = findPolicy('hire-local') as PolicyVersion;
  const refused = (patch: Record<string, unknown>) => () =>
    parsePolicyVersion({ ...base, ...patch });

  it.each<[string, Record<string, unknown>]>([
    ['有效期倒置', { effectiveFrom: '2022-01-01' }],
    ['非整数上限', { capFen: 100.5 }],
    ['上限超过预算', { capFen: base.budgetFen + 1 }],
    ['复核层级 3', { reviewLevels: 3 }],
    ['依申请却无材料', { mode: 'apply', materials: [] }],
    ['重复条件编号', { eligibility: [base.eligibility[0], base.eligibility[0]] }],
    ['未知部门', { department: 'police' }],
    [
      '未知事实路径',
      { amount: { op: 'fact', path: 'social_insurance.unemploymentInsurancePaidFenn' } },
    ],
    [
      '枚举拼写错误',
      {
        eligibility: [
          {
            id: 'x',
            label: '规模',
            rule: {
              op: 'eq',
              args: [
                { op: 'fact', path: 'market_registry.size' },
                { op: 'const', value: 'smal' },
              ],
            },
          },
        ],
      },
    ],
    ['金额不是数值', { amount: { op: 'const', value: true } }],
  ])('%s', (_name, patch) => {
    expect(refused(patch)).toThrow(DomainError);
  });
});
