import type { AdminActor } from '../actor';
import { DomainError } from '../errors';
import * as ex from '../facts/examples';
import type { UserId } from '../ids';
import { findPolicy, SEED_PARAM_VALUES, type PolicyGoldenCase } from '../policies';
import { isAllowedEdge } from './common';
import {
  createDraft,
  editDraft,
  publish,
  retire,
  returnToDraft,
  setParameterValue,
  submitForReview,
  POLICY_VERSION_TRANSITIONS,
  type PolicyVersionRecord,
} from './policy-version';
import { T0, admin, hrss1 } from './testing';

const other: AdminActor = { kind: 'admin', userId: 'usr_admin_other' as UserId };
const params = SEED_PARAM_VALUES;
const seed = findPolicy('startup-grant');
if (!seed) throw new Error('no startup-grant');
const doc = { ...seed, id: 'startup-grant-x' };
const cases: PolicyGoldenCase[] = [
  {
    name: '毕业生首次创业满12个月 → 5000元',
    facts: [
      ex.personEmployment({
        graduateOn: '2019-06-30',
        firstBusinessStartedOn: '2019-07-01',
        businessMonthsOperating: 17,
        businessOperatingNormally: true,
      }),
      ex.povertyRegistry({}),
    ],
    asOf: '2020-12-15',
    verdict: 'eligible',
    amountFen: 500_000,
  },
];
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return `${e.code}:${(e.details as { reason?: string } | undefined)?.reason ?? ''}`;
    throw e;
  }
  return 'ok';
};

function draft(goldenCases = cases): PolicyVersionRecord {
  return createDraft({ document: doc, goldenCases, existingVersions: [], as: 'policy' }, admin, T0)
    .next;
}

describe('policy version lifecycle', () => {
  it('edges: draft → in_review → published → retired, in_review may go back to draft', () => {
    expect(isAllowedEdge(POLICY_VERSION_TRANSITIONS, 'draft', 'in_review')).toBe(true);
    expect(isAllowedEdge(POLICY_VERSION_TRANSITIONS, 'in_review', 'draft')).toBe(true);
    expect(isAllowedEdge(POLICY_VERSION_TRANSITIONS, 'published', 'draft')).toBe(false);
    expect(POLICY_VERSION_TRANSITIONS.retired).toEqual([]);
  });

  it('a new policy id must be new; a next version numbers itself after the existing ones', () => {
    expect(
      code(() =>
        createDraft(
          { document: doc, goldenCases: [], existingVersions: [1], as: 'policy' },
          admin,
          T0,
        ),
      ),
    ).toBe('DUPLICATE:DUPLICATE_POLICY_ID');
    const t = createDraft(
      { document: doc, goldenCases: [], existingVersions: [1, 2], as: 'version', copiedFrom: 2 },
      admin,
      T0,
    );
    expect(t.next).toMatchObject({ policyVersion: 3, status: 'draft', document: { version: 3 } });
    expect(t.events[0]).toMatchObject({ type: 'PolicyVersionDrafted', copiedFrom: 2, to: 'draft' });
  });

  it('only admins act', () => {
    expect(
      code(() =>
        createDraft(
          { document: doc, goldenCases: [], existingVersions: [], as: 'policy' },
          hrss1,
          T0,
        ),
      ),
    ).toBe('FORBIDDEN:NOT_ADMIN');
  });

  it('submitting runs the golden cases: none, or a failing one, refuses with the case named', () => {
    expect(code(() => submitForReview(draft([]), { params }, admin, T0))).toBe(
      'GOLDEN_CASE_FAILED:GOLDEN_CASES_REQUIRED',
    );
    const [first] = cases;
    if (!first) throw new Error('no case');
    const wrong = draft([{ ...first, amountFen: 600_000 }]);
    try {
      submitForReview(wrong, { params }, admin, T0);
      throw new Error('should refuse');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toContain('毕业生首次创业满12个月');
      expect((e as DomainError).message).toContain('金额应为 ¥6,000.00，实际为 ¥5,000.00');
    }
    expect(submitForReview(draft(), { params }, admin, T0).next.status).toBe('in_review');
  });

  it('four eyes: whoever drafted or edited cannot publish', () => {
    const d = draft();
    const edited = editDraft(d, { document: doc, goldenCases: cases }, other, T0).next;
    expect(edited.editors).toEqual([admin.userId, other.userId]);
    const inReview = submitForReview(edited, { params }, admin, T0).next;
    for (const who of [admin, other])
      expect(code(() => publish(inReview, { params, published: [] }, who, T0))).toBe(
        'FORBIDDEN:FOUR_EYES',
      );
    const third: AdminActor = { kind: 'admin', userId: 'usr_third' as UserId };
    const t = publish(inReview, { params, published: [] }, third, T0);
    expect(t.next).toMatchObject({ status: 'published', publishedBy: 'usr_third' });
    expect(t.events[0]).toMatchObject({
      type: 'PolicyVersionPublished',
      from: 'in_review',
      to: 'published',
    });
  });

  it('a published version is immutable and cannot overlap another published one', () => {
    const inReview = submitForReview(draft(), { params }, admin, T0).next;
    expect(
      code(() => publish(inReview, { params, published: [{ ...doc, version: 7 }] }, other, T0)),
    ).toBe('INVALID_INPUT:OVERLAPPING_VERSIONS');
    const later = { ...doc, version: 7, effectiveFrom: '2022-01-01', effectiveTo: '2022-12-31' };
    const published = publish(inReview, { params, published: [later] }, other, T0).next;
    expect(code(() => editDraft(published, { document: doc, goldenCases: cases }, admin, T0))).toBe(
      'WRONG_STATE:NOT_DRAFT',
    );
    expect(code(() => submitForReview(published, { params }, admin, T0))).toMatch(/^WRONG_STATE/);
    const retired = retire(published, { reason: '政策到期' }, admin, T0).next;
    expect(retired).toMatchObject({ status: 'retired', retireReason: '政策到期' });
    expect(code(() => retire(retired, { reason: 'x' }, admin, T0))).toMatch(/^WRONG_STATE/);
    expect(code(() => retire(published, { reason: ' ' }, admin, T0))).toMatch(/^INVALID_INPUT/);
  });

  it('returned for changes with a note', () => {
    const inReview = submitForReview(draft(), { params }, admin, T0).next;
    const back = returnToDraft(inReview, { note: '请补充测试用例' }, other, T0);
    expect(back.next.status).toBe('draft');
    expect(back.events[0]).toMatchObject({ type: 'PolicyVersionReturned', note: '请补充测试用例' });
  });
});

describe('dated parameters', () => {
  it('a value from today on; past days are closed; a new parameter needs label and unit', () => {
    expect(
      code(() =>
        setParameterValue(
          undefined,
          { name: 'a.b', from: '2026-01-01', value: 1 },
          '2026-01-01',
          admin,
          T0,
        ),
      ),
    ).toBe('INVALID_INPUT:NEW_PARAMETER_INCOMPLETE');
    const first = setParameterValue(
      undefined,
      { name: 'a.b', from: '2026-01-01', value: 100_000, label: '标准', unit: 'fen' },
      '2026-01-01',
      admin,
      T0,
    ).next;
    const raised = setParameterValue(
      first,
      { name: 'a.b', from: '2027-01-01', value: 150_000 },
      '2026-06-01',
      admin,
      T0,
    );
    expect(raised.next.values).toEqual([
      { from: '2026-01-01', value: 100_000 },
      { from: '2027-01-01', value: 150_000 },
    ]);
    expect(raised.next.version).toBe(2);
    expect(raised.events[0]).toMatchObject({
      type: 'ParameterValueSet',
      from: '2027-01-01',
      value: 150_000,
    });
    expect(
      code(() =>
        setParameterValue(
          first,
          { name: 'a.b', from: '2026-05-31', value: 1 },
          '2026-06-01',
          admin,
          T0,
        ),
      ),
    ).toBe('INVALID_INPUT:RETROACTIVE');
  });
});
