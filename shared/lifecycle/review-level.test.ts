/**
 * The review level an application waits for and the batch approval's amount (issue #15: both
 * were computed in functions/services/review.ts; now shared/lifecycle/application.ts).
 */
import type { ApplicationId } from '../ids';
import { yuan } from '../money';
import {
  approveAtStandard,
  awaitsLevelOf,
  decide,
  draftApplication,
  reviewLevelOf,
  submit,
  type Application,
} from './application';
import { ALL_MATERIALS, POLICY, SUBJECT, T0, TERMS, applicant, hrss1, hrss2 } from './testing';

function submitted(requestedFen = yuan(5_000)): Application {
  const d = draftApplication(
    {
      id: 'app_000001' as ApplicationId,
      policyId: POLICY,
      policyVersion: 1,
      subjectId: SUBJECT,
      department: 'hrss',
      terms: TERMS,
      requestedFen,
    },
    applicant,
    T0,
  ).next;
  return submit(d, { materials: ALL_MATERIALS }, applicant, T0).next;
}

describe('reviewLevelOf / awaitsLevelOf', () => {
  it('submitted and review_l1 wait for level 1; review_l2 for level 2', () => {
    const s = submitted();
    expect(reviewLevelOf(s)).toBe(1);
    expect(reviewLevelOf({ status: 'review_l1' })).toBe(1);
    const l1 = decide(
      s,
      { kind: 'approve', amountFen: yuan(4_000), reason: '按实际' },
      hrss1,
      T0,
    ).next;
    expect(l1.status).toBe('review_l2');
    expect(reviewLevelOf(l1)).toBe(2);
    expect([awaitsLevelOf(s, hrss1), awaitsLevelOf(s, hrss2)]).toEqual([true, false]);
    expect([awaitsLevelOf(l1, hrss1), awaitsLevelOf(l1, hrss2)]).toEqual([false, true]);
  });
});

describe('approveAtStandard', () => {
  it('level 1 approves the amount applied for and sends it to level 2', () => {
    const a = approveAtStandard(submitted(yuan(5_000)), hrss1, T0);
    expect(a.amountFen).toBe(yuan(5_000));
    expect(a.transition.next).toMatchObject({ status: 'review_l2', recommendedFen: yuan(5_000) });
  });

  it("level 2 approves level 1's recommendation, not the amount applied for", () => {
    const l1 = decide(
      submitted(yuan(5_000)),
      { kind: 'approve', amountFen: yuan(3_000), reason: '核减' },
      hrss1,
      T0,
    ).next;
    const a = approveAtStandard(l1, hrss2, T0);
    expect(a.amountFen).toBe(yuan(3_000));
    expect(a.transition.next).toMatchObject({ status: 'publicity', approvedFen: yuan(3_000) });
  });
});
