import type { ApplicantActor, Actor } from './actor';
import { instant } from './calendar';
import type { PolicyId, SubjectId, UserId } from './ids';
import { rate, summariseRatings, type RateableItem } from './rating';

const T0 = instant('2020-12-21T02:00:00.000Z');
const SUBJECT = 'sub_RATER' as SubjectId;
const owner: ApplicantActor = {
  kind: 'applicant',
  userId: 'usr_OWNER' as UserId,
  subjectId: SUBJECT,
};
const stranger: Actor = { ...owner, subjectId: 'sub_OTHER' as SubjectId };
const paid: RateableItem = {
  kind: 'application',
  id: 'app_1',
  subjectId: SUBJECT,
  policyId: 'pol_startup-grant' as PolicyId,
  department: 'hrss',
  status: 'paid',
  statusLabel: '已到账',
};

function refusal(f: () => unknown): string {
  try {
    f();
    return 'OK';
  } catch (e) {
    const err = e as { code: string; details?: { reason?: string } };
    return `${err.code}:${err.details?.reason ?? ''}`;
  }
}

describe('好差评', () => {
  it('the owner rates a paid or refused item 1–5 with an optional comment', () => {
    expect(rate(paid, { stars: 5, comment: '  办得快  ' }, owner, T0)).toEqual({
      kind: 'application',
      itemId: 'app_1',
      policyId: paid.policyId,
      department: 'hrss',
      subjectId: SUBJECT,
      stars: 5,
      comment: '办得快',
      by: owner.userId,
      at: T0,
    });
    expect(rate({ ...paid, status: 'rejected' }, { stars: 2 }, owner, T0)).not.toHaveProperty(
      'comment',
    );
    expect(rate({ ...paid, kind: 'grant' }, { stars: 4, comment: '' }, owner, T0).stars).toBe(4);
  });

  it('refuses before the end, out of range, too long, and anyone but the owner', () => {
    expect(refusal(() => rate({ ...paid, status: 'review_l1' }, { stars: 5 }, owner, T0))).toBe(
      'WRONG_STATE:NOT_RATEABLE_YET',
    );
    // a grant is never "rejected": only paid ends its service
    expect(
      refusal(() => rate({ ...paid, kind: 'grant', status: 'rejected' }, { stars: 5 }, owner, T0)),
    ).toBe('WRONG_STATE:NOT_RATEABLE_YET');
    for (const stars of [0, 6, 4.5, Number.NaN])
      expect(refusal(() => rate(paid, { stars }, owner, T0))).toBe('INVALID_INPUT:BAD_STARS');
    expect(refusal(() => rate(paid, { stars: 3, comment: '好'.repeat(301) }, owner, T0))).toBe(
      'INVALID_INPUT:COMMENT_TOO_LONG',
    );
    expect(refusal(() => rate(paid, { stars: 3 }, stranger, T0))).toBe(
      'FORBIDDEN:NOT_YOUR_SUBJECT',
    );
    const reviewer: Actor = {
      kind: 'reviewer',
      userId: 'usr_R' as UserId,
      department: 'hrss',
      level: 1,
    };
    expect(refusal(() => rate(paid, { stars: 3 }, reviewer, T0))).toBe('FORBIDDEN:NOT_APPLICANT');
  });

  it('sums per policy and per department, average to one decimal', () => {
    const s = summariseRatings([
      { policyId: 'pol_a', department: 'hrss', count: 2, starsTotal: 9 },
      { policyId: 'pol_b', department: 'hrss', count: 1, starsTotal: 1 },
      { policyId: 'pol_c', department: 'finance', count: 3, starsTotal: 14 },
      { policyId: 'pol_d', department: 'commerce', count: 0, starsTotal: 0 },
    ]);
    expect(s.byPolicy).toEqual([
      { policyId: 'pol_c', count: 3, average: 4.7 },
      { policyId: 'pol_a', count: 2, average: 4.5 },
      { policyId: 'pol_b', count: 1, average: 1 },
    ]);
    expect(s.byDepartment).toEqual([
      { department: 'finance', departmentLabel: '财政局', count: 3, average: 4.7 },
      { department: 'hrss', departmentLabel: '人社局', count: 3, average: 3.3 },
    ]);
  });
});
