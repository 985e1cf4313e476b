/**
 * Page selection of a 免申即享 run (issue #15: moved out of functions/services/auto-grant.ts):
 * which (policy, subject) pairs become grants, what is counted as skipped, and how a page
 * redone after a crash counts what it already wrote.
 */
import { SEED_PARAM_VALUES } from './policies/seed-parameters';
import {
  countExisting,
  evaluatePage,
  freshCandidates,
  policyIdOf,
  type PageTally,
} from './auto-grant';
import * as ex from './facts/examples';
import type { Fact } from './facts/fact';
import type { GrantId, SubjectId } from './ids';
import { grantIdFor } from './lifecycle/grant';
import { findPolicy, type PolicyVersion } from './policies';

const startupGrant = findPolicy('startup-grant') as PolicyVersion;
const hireLocal = findPolicy('hire-local') as PolicyVersion;
const ASOF = '2021-06-01';
const person = (employment: Parameters<typeof ex.personEmployment>[0]): Fact[] => [
  ex.personEmployment(employment),
  ex.povertyRegistry({}),
  ex.loanRegistry([]),
];
const ELIGIBLE = person({
  graduateOn: '2019-07-01',
  firstBusinessStartedOn: '2020-03-01',
  businessMonthsOperating: 14,
  businessOperatingNormally: true,
});
const A = 'sub_a' as SubjectId;
const B = 'sub_b' as SubjectId;
const tally = (): PageTally => ({ counters: {}, skipped: {} });

describe('evaluatePage', () => {
  it('a proven pair is a candidate keyed by (policy, subject, period); others are counted', () => {
    const t = tally();
    const out = evaluatePage(
      [
        { subjectId: A, facts: ELIGIBLE },
        { subjectId: B, facts: person({}) },
        { subjectId: 'sub_c' as SubjectId, facts: [] },
      ],
      [startupGrant, hireLocal],
      ASOF,
      t,
      SEED_PARAM_VALUES,
    );
    expect(out).toEqual([
      {
        policy: startupGrant,
        subjectId: A,
        grantId: grantIdFor(policyIdOf('startup-grant'), A, '2020'),
        amountFen: 500_000,
        claimPeriod: 'once',
      },
    ]);
    // hire-local is an enterprise policy: never evaluated for a person; a subject without facts is not either
    expect(t).toEqual({ counters: { evaluations: 2 }, skipped: { ineligible: 1 } });
  });

  it('eligible with a zero amount is skipped as zero_amount', () => {
    const t = tally();
    const zero = { ...startupGrant, amount: { op: 'const' as const, value: 0 } };
    expect(
      evaluatePage([{ subjectId: A, facts: ELIGIBLE }], [zero], ASOF, t, SEED_PARAM_VALUES),
    ).toEqual([]);
    expect(t.skipped).toEqual({ zero_amount: 1 });
  });
});

describe('freshCandidates / countExisting', () => {
  const [c] = evaluatePage(
    [{ subjectId: A, facts: ELIGIBLE }],
    [startupGrant],
    ASOF,
    tally(),
    SEED_PARAM_VALUES,
  );
  if (!c) throw new Error('fixture: no candidate');

  it('a grant this run wrote before a crash counts as created, once; another run’s as already granted', () => {
    const mine = tally();
    expect(freshCandidates([c], new Map([[c.grantId, { runId: 'run_1' }]]), 'run_1', mine)).toEqual(
      [],
    );
    expect(mine.counters).toEqual({ grantsCreated: 1, grantedFen: 500_000 });
    const theirs = tally();
    expect(
      freshCandidates([c], new Map([[c.grantId, { runId: 'run_0' }]]), 'run_1', theirs),
    ).toEqual([]);
    expect(theirs.skipped).toEqual({ already_granted: 1 });
  });

  it('a grant nobody wrote is still to write', () => {
    const t = tally();
    expect(freshCandidates([c], new Map<GrantId, { runId?: string }>(), 'run_1', t)).toEqual([c]);
    expect(t).toEqual({ counters: {}, skipped: {} });
    countExisting(c, undefined, 'run_1', t);
    expect(t.skipped).toEqual({ already_granted: 1 });
  });
});
