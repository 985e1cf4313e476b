import {
  autoGrantPolicies,
  catalogueIdOf,
  grantPeriodOf,
  policyIdOf,
  subjectKindOfCode,
} from './auto-grant';
import { DEMO_ENTERPRISE, DEMO_PERSON } from './facts/examples';
import { listPolicies } from './policies';

describe('auto-grant selection', () => {
  it('takes auto|both policies inside their window, never 贴息 (its own quarterly schedule pays it)', () => {
    const ids = autoGrantPolicies(listPolicies(), '2021-06-30').map((p) => p.id);
    expect(ids).toContain('hire-local');
    expect(ids).not.toContain('startup-loan-interest');
    expect(ids).not.toContain('startup-grant'); // apply only
    expect(autoGrantPolicies(listPolicies(), '2030-01-01').map((p) => p.id)).not.toContain(
      'hire-local',
    );
    expect(
      autoGrantPolicies(listPolicies(), '2021-06-30', ['hire-local']).map((p) => p.id),
    ).toEqual(['hire-local']);
  });

  it('names the period by the window the policy version opens', () => {
    expect(grantPeriodOf({ effectiveFrom: '2020-01-01' })).toBe('2020');
  });

  it('maps catalogue ids to stored policy ids and back', () => {
    expect(policyIdOf('hire-local')).toBe('pol_hire-local');
    expect(catalogueIdOf(policyIdOf('hire-local'))).toBe('hire-local');
  });

  it('tells persons from enterprises by the code', () => {
    expect(subjectKindOfCode(DEMO_PERSON)).toBe('person');
    expect(subjectKindOfCode(DEMO_ENTERPRISE)).toBe('enterprise');
  });
});
