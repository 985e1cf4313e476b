import { applicationVisibility } from './application-access';
import type { Application } from './application';
import { applicant, finance1, hrss1, stranger, admin, SUBJECT, POLICY, TERMS, T0 } from './testing';
import type { ApplicationId, UserId } from '../ids';
import type { AuditorActor } from '../actor';

const auditor: AuditorActor = { kind: 'auditor', userId: 'usr_aud000001' as UserId };

const app = (status: Application['status']): Application => ({
  id: 'app_000001' as ApplicationId,
  policyId: POLICY,
  policyVersion: 1,
  subjectId: SUBJECT,
  department: 'hrss',
  terms: TERMS,
  status,
  version: 2,
  materials: [],
  createdAt: T0,
  objectionsRaised: 0,
  objectionsOpen: 0,
  paymentAttempt: 0,
});

describe('applicationVisibility', () => {
  it('owner sees, another subject is hidden (404), another department is forbidden (403)', () => {
    expect(applicationVisibility(applicant, app('submitted'))).toBe('visible');
    expect(applicationVisibility(stranger, app('submitted'))).toBe('hidden');
    expect(applicationVisibility(hrss1, app('submitted'))).toBe('visible');
    expect(applicationVisibility(finance1, app('submitted'))).toBe('forbidden');
    expect(applicationVisibility(admin, app('submitted'))).toBe('visible');
  });
  it("issue 14: admins and auditors read any department's application; an auditor never objects", () => {
    expect(applicationVisibility(admin, app('review_l1'))).toBe('visible');
    expect(applicationVisibility(auditor, app('review_l1'))).toBe('visible');
    expect(applicationVisibility(auditor, app('paid'))).toBe('visible');
    expect(applicationVisibility(auditor, app('publicity'), 'object')).toBe('forbidden');
  });
  it('公示 is public for objections only', () => {
    expect(applicationVisibility(stranger, app('publicity'), 'object')).toBe('visible');
    expect(applicationVisibility(stranger, app('publicity'), 'read')).toBe('hidden');
    expect(applicationVisibility(stranger, app('review_l1'), 'object')).toBe('hidden');
  });
});
