import { CATALOGUE, SEED_PARAMETERS, findPolicy, policyTitlesReading } from './index';

const title = (id: string) => findPolicy(id)?.title;

describe('policyTitlesReading (the parameters page names policies by title, issue #17)', () => {
  it('names the policy whose rules read a parameter', () => {
    expect(policyTitlesReading('startup-grant.amount', CATALOGUE)).toEqual([
      title('startup-grant'),
    ]);
  });

  it('falls back to the policy the name starts with when no rule reads it; none when unknown', () => {
    expect(policyTitlesReading('startup-grant.nothing-reads-this', CATALOGUE)).toEqual([
      title('startup-grant'),
    ]);
    expect(policyTitlesReading('no-such-policy.amount', CATALOGUE)).toEqual([]);
  });

  it('names each policy once, by its latest version', () => {
    const v1 = CATALOGUE.find((d) => d.id === 'startup-grant');
    if (!v1) throw new Error('startup-grant missing');
    const v2 = { ...v1, version: v1.version + 1, title: '一次性创业补贴（修订）' };
    expect(policyTitlesReading('startup-grant.amount', [v1, v2])).toEqual([
      '一次性创业补贴（修订）',
    ]);
  });

  it('every seed parameter is named by at least one policy title', () => {
    const orphans = SEED_PARAMETERS.filter(
      (p) => policyTitlesReading(p.name, CATALOGUE).length === 0,
    ).map((p) => p.name);
    expect(orphans).toEqual([]);
  });
});
