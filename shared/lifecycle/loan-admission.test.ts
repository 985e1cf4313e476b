/**
 * Admitting a startup loan (issue #15: the rule moved out of functions/services/loans.ts).
 * Each refusal is told apart by its `details.reason`, never by its Chinese text.
 */
import { instant } from '../calendar';
import { DomainError } from '../errors';
import * as ex from '../facts/examples';
import type { LoanId, PolicyId } from '../ids';
import { findPolicy, type PolicyVersion } from '../policies';
import { SEED_PARAM_VALUES } from '../policies/seed-parameters';
import { admitLoan, requireLoanVisible, type LoanAdmissionInput } from './loan-admission';
import { applicant } from './testing';

const loanPolicy = findPolicy('startup-loan') as PolicyVersion;
const NOW = instant('2020-12-15T02:00:00Z');
const facts = (veteran: boolean) => [
  ex.personEmployment({ firstBusinessStartedOn: '2020-05-01', veteran }),
  ex.povertyRegistry({}),
  ex.loanRegistry([]),
];
const required = loanPolicy.materials.filter((m) => !m.optional);

const input = (over: Partial<LoanAdmissionInput> = {}): LoanAdmissionInput => ({
  id: 'loan_000001' as LoanId,
  policy: loanPolicy,
  policyRef: 'startup-loan' as PolicyId,
  subject: { kind: 'person', name: '王小明' },
  facts: facts(true),
  asOf: '2020-12-15',
  params: SEED_PARAM_VALUES,
  existing: [],
  requestedFen: 20_000_000,
  details: {
    termMonths: 24,
    purpose: '开办早餐店',
    businessName: '小明早餐',
    industry: 'catering',
  },
  materials: required.map((m) => ({ code: m.id, uploadKey: `uploads/s/${m.id}/u1` })),
  account: {
    choice: {
      source: 'new',
      accountName: '王小明',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780014',
    },
  },
  maxTermMonths: 36,
  ...over,
});

function reasonOf(f: () => unknown): { code: string; reason: unknown } {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return { code: e.code, reason: (e.details as { reason?: unknown } | undefined)?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('admitLoan', () => {
  it('submits a veteran’s ¥200,000 loan with the repayment account and the claim period', () => {
    const r = admitLoan(input(), applicant, NOW);
    expect(r.transition.next).toMatchObject({ status: 'submitted', requestedFen: 20_000_000 });
    expect(r.payee.accountName).toBe('王小明');
    expect(r.claimPeriod).toBeTruthy();
  });

  it('refuses above the ceiling before anything else, naming it', () => {
    expect(
      reasonOf(() => admitLoan(input({ requestedFen: 20_000_001, facts: [] }), applicant, NOW)),
    ).toEqual({
      code: 'OVER_CAP',
      reason: 'OVER_CEILING',
    });
  });

  it('refuses someone outside the key groups, an open loan, and missing required materials', () => {
    expect(reasonOf(() => admitLoan(input({ facts: facts(false) }), applicant, NOW))).toEqual({
      code: 'NOT_ELIGIBLE',
      reason: 'NOT_ELIGIBLE',
    });
    const open = [{ id: 'loan_0' as LoanId, status: 'active' as const }];
    expect(reasonOf(() => admitLoan(input({ existing: open }), applicant, NOW))).toEqual({
      code: 'DUPLICATE',
      reason: 'OPEN_LOAN',
    });
    expect(reasonOf(() => admitLoan(input({ materials: [] }), applicant, NOW))).toEqual({
      code: 'INVALID_INPUT',
      reason: 'MATERIALS_REQUIRED',
    });
  });
});

describe('requireLoanVisible', () => {
  const loan = admitLoan(input(), applicant, NOW).transition.next;
  it('shows a loan to its borrower and the three steps’ staff, not to another department', () => {
    expect(() => requireLoanVisible(applicant, loan)).not.toThrow();
    const staff = (department: 'bank' | 'finance') =>
      ({ kind: 'reviewer', userId: 'u', department, level: 1 }) as never;
    expect(() => requireLoanVisible(staff('bank'), loan)).not.toThrow();
    expect(reasonOf(() => requireLoanVisible(staff('finance'), loan))).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_YOUR_DEPARTMENT',
    });
  });
});
