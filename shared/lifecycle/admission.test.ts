/**
 * Admitting an application (issue #15: the rule moved out of functions/services/applications.ts).
 * Each refusal is told apart by its `details.reason`, never by its Chinese text.
 */
import { SEED_PARAM_VALUES } from '../policies/seed-parameters';
import { instant } from '../calendar';
import { DomainError } from '../errors';
import * as ex from '../facts/examples';
import type { Fact } from '../facts/fact';
import type { ApplicationId, PolicyId } from '../ids';
import { findPolicy, type PolicyVersion } from '../policies';
import {
  admitApplication,
  canApply,
  isAppliable,
  isOpen,
  SUPPLEMENT_DAYS,
  termsOf,
  type AdmissionInput,
} from './admission';
import { applicant } from './testing';

const startupGrant = findPolicy('startup-grant') as PolicyVersion;
const NOW = instant('2021-06-01T02:00:00Z');
const ELIGIBLE: Fact[] = [
  ex.personEmployment({
    graduateOn: '2019-07-01',
    firstBusinessStartedOn: '2020-03-01',
    businessMonthsOperating: 14,
    businessOperatingNormally: true,
  }),
  ex.povertyRegistry({}),
  ex.loanRegistry([]),
];
const ALL_MATERIALS = startupGrant.materials.map((m) => ({
  code: m.id,
  uploadKey: `uploads/${applicant.subjectId}/${m.id}/u1`,
}));

const input = (over: Partial<AdmissionInput> = {}): AdmissionInput => ({
  id: 'app_000001' as ApplicationId,
  policy: startupGrant,
  subjectKind: 'person',
  facts: ELIGIBLE,
  asOf: '2021-06-01',
  params: SEED_PARAM_VALUES,
  existing: [],
  materials: ALL_MATERIALS,
  account: {
    choice: {
      source: 'new',
      accountName: '王小明',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780014',
    },
    subject: { kind: 'person', name: '王小明' },
  },
  ...over,
});

/** The stable reason a refusal carries (and its code), whatever its message says. */
function refusal(f: () => unknown): { code: string; reason: unknown } {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return { code: e.code, reason: (e.details as { reason?: unknown } | undefined)?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('admitApplication', () => {
  it('drafts and submits the application with the frozen terms, entitlement and claim period', () => {
    const a = admitApplication(input(), applicant, NOW);
    expect(a.transition.next).toMatchObject({
      status: 'submitted',
      policyId: 'pol_startup-grant',
      subjectId: applicant.subjectId,
      requestedFen: 500_000,
      entitlementFen: 500_000,
      terms: { capFen: 500_000, reviewLevels: 2, supplementDays: SUPPLEMENT_DAYS },
    });
    expect(a.transition.events.map((e) => e.type)).toEqual([
      'ApplicationDrafted',
      'PayeeProvided',
      'ApplicationSubmitted',
    ]);
    expect(a.claimPeriod).toBe('once');
  });

  it('missing 容缺 materials put it in pending_supplement', () => {
    const a = admitApplication(
      input({ materials: ALL_MATERIALS.filter((m) => m.code !== 'operating_proof') }),
      applicant,
      NOW,
    );
    expect(a.transition.next.status).toBe('pending_supplement');
  });

  it.each([
    [
      'an auto-only policy',
      { policy: { ...startupGrant, mode: 'auto' as const } },
      'WRONG_STATE',
      'NOT_APPLIABLE',
    ],
    [
      'another kind of subject',
      { subjectKind: 'enterprise' as const },
      'NOT_ELIGIBLE',
      'SUBJECT_KIND_MISMATCH',
    ],
    [
      'rules not met',
      { facts: [ex.personEmployment({}), ex.povertyRegistry({}), ex.loanRegistry([])] },
      'NOT_ELIGIBLE',
      'RULES_NOT_MET',
    ],
    [
      'an amount of zero',
      { policy: { ...startupGrant, amount: { op: 'const' as const, value: 0 } } },
      'NOT_ELIGIBLE',
      'ZERO_AMOUNT',
    ],
    [
      'an open application of the policy',
      {
        existing: [
          {
            id: 'app_000000' as ApplicationId,
            policyId: 'pol_startup-grant' as PolicyId,
            status: 'review_l1' as const,
          },
        ],
      },
      'DUPLICATE',
      'OPEN_APPLICATION',
    ],
    [
      'a material the policy does not list',
      { materials: [...ALL_MATERIALS, { code: 'x_ray', uploadKey: 'k' }] },
      'INVALID_INPUT',
      'UNKNOWN_MATERIAL',
    ],
  ])('refuses %s with a stable reason', (_what, over, code, reason) => {
    expect(
      refusal(() => admitApplication(input(over as Partial<AdmissionInput>), applicant, NOW)),
    ).toEqual({
      code,
      reason,
    });
  });

  it('a closed application of the policy does not stand in the way', () => {
    const existing = [
      {
        id: 'app_000000' as ApplicationId,
        policyId: 'pol_startup-grant' as PolicyId,
        status: 'rejected' as const,
      },
    ];
    expect(admitApplication(input({ existing }), applicant, NOW).transition.next.status).toBe(
      'submitted',
    );
  });

  it('refusals of the rules carry the explanation', () => {
    try {
      admitApplication(input({ facts: [] }), applicant, NOW);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toMatchObject({
        reason: 'RULES_NOT_MET',
        explanation: { policyId: 'startup-grant', eligible: false },
      });
    }
  });
});

describe('the small application rules', () => {
  it('isOpen: terminal or paid statuses are closed', () => {
    expect(
      ['rejected', 'withdrawn', 'cancelled', 'paid'].filter((s) => isOpen(s as never)),
    ).toEqual([]);
    expect(isOpen('review_l2')).toBe(true);
    expect(isOpen('payment_failed')).toBe(true);
  });

  it('isAppliable: 依申请 and both take applications; auto-only, loans and 贴息 do not', () => {
    expect(isAppliable({ mode: 'apply', kind: 'subsidy' })).toBe(true);
    expect(isAppliable({ mode: 'both', kind: 'rent_waiver' })).toBe(true);
    expect(isAppliable({ mode: 'auto', kind: 'subsidy' })).toBe(false);
    expect(isAppliable({ mode: 'apply', kind: 'startup_loan' })).toBe(false);
    expect(isAppliable({ mode: 'apply', kind: 'loan_interest' })).toBe(false);
  });

  it('termsOf freezes the policy version the application is judged by', () => {
    expect(termsOf(startupGrant).materials.map((m) => m.code)).toEqual(
      startupGrant.materials.map((m) => m.id),
    );
  });
});

describe('canApply', () => {
  const p = { mode: 'apply' as const, kind: 'subsidy' as const };
  it('offers 立即申请 only when eligible, appliable, not held and nothing in progress', () => {
    expect(canApply(p, true, false, undefined)).toBe(true);
    expect(canApply(p, false, false, undefined)).toBe(false);
    expect(canApply({ mode: 'auto', kind: 'subsidy' }, true, false, undefined)).toBe(false);
    expect(canApply(p, true, true, undefined)).toBe(false);
    expect(canApply(p, true, false, { status: 'review_l1' })).toBe(false);
    expect(canApply(p, true, false, { status: 'rejected' })).toBe(true);
  });
});
