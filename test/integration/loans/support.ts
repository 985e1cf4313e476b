/**
 * Fixtures of the loan tests: borrowers (a person in a key group, with facts and a subject
 * record), staff tokens for the three steps, and `driveToActive`, which takes a loan through
 * apply → 人社 → 担保 → bank over the real handlers, asserting every status code.
 */
import { randomBytes } from 'node:crypto';
import { signSession } from '../../support/session';
import { putFacts } from '../../../functions/repositories/facts';
import { putSubject, subjectIdOf } from '../../../functions/repositories/subjects';
import { handler as applyLoan } from '../../../functions/http/apply-loan/handler';
import { handler as decideEligibility } from '../../../functions/http/decide-loan-eligibility/handler';
import { handler as decideGuarantee } from '../../../functions/http/decide-loan-guarantee/handler';
import { handler as decideLending } from '../../../functions/http/decide-loan-lending/handler';
import type { DepartmentCode } from '../../../shared/actor';
import { loanRegistry, personEmployment, povertyRegistry } from '../../../shared/facts/examples';
import { makeNewId, type SubjectId, type UserId } from '../../../shared/ids';
import { idNumberCheckChar } from '../../../shared/subject';
import { call } from '../../support/http';
import { fakeUpload } from '../../support/upload-store';

const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });

let n = 0;
export const idem = (label = 'k') =>
  `${label}-${Date.now().toString(36)}-${(n++).toString(36)}`.slice(0, 64).padEnd(8, '0');
/** A material whose file storage holds (the in-process fake bucket: test/support/upload-store.ts). */
export const upload = (materialId: string) => fakeUpload(materialId);

/** A valid 居民身份证号 for borrower number k (高台县, born 1995). */
export function idNumber(k: number): string {
  const first17 = `62072419950101${String(k).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** The value, or a failed test saying what was missing (instead of a non-null assertion). */
export function must<T>(v: T | null | undefined, what = 'value'): T {
  if (v === null || v === undefined) throw new Error(`missing ${what}`);
  return v;
}

export type Borrower = { token: string; subjectId: SubjectId; name: string; code: string };

/** A veteran starting a business (key group), no startup loan yet; `keyGroup: false` is nobody special. */
export async function borrower(k: number, o: { keyGroup?: boolean } = {}): Promise<Borrower> {
  const code = idNumber(k);
  const subjectId = subjectIdOf(code);
  const name = `借款人${String(k)}`;
  await putSubject({ id: subjectId, kind: 'person', name, idNumber: code, regionCode: '620724' });
  await putFacts([
    personEmployment({ veteran: o.keyGroup ?? true, firstBusinessStartedOn: '2020-05-01' }, code),
    povertyRegistry({}, code),
    loanRegistry([], code),
  ]);
  const { token } = await signSession(
    { kind: 'applicant', userId: newId('user'), subjectId },
    new Date(),
  );
  return { token, subjectId, name, code };
}

export async function staffToken(
  department: DepartmentCode,
  level: 1 | 2 = 1,
  userId: UserId = newId('user'),
): Promise<string> {
  return (await signSession({ kind: 'reviewer', userId, department, level }, new Date())).token;
}

export async function roleToken(kind: 'admin' | 'auditor'): Promise<string> {
  return (await signSession({ kind, userId: newId('user') }, new Date())).token;
}

export const REQUIRED = () => ['id_card', 'business_licence', 'business_plan'].map(upload);
export const ALL_MATERIALS = () => [...REQUIRED(), upload('group_certificate')];

export const applyBody = (b: Borrower, extra: Record<string, unknown> = {}) => ({
  requestedFen: 20_000_000,
  termMonths: 24,
  purpose: '开设社区便民餐馆，购置厨房设备',
  business: { name: '退役军人便民餐馆', industry: 'catering' },
  repaymentAccount: {
    source: 'new',
    accountName: b.name,
    bankName: '甘肃银行高台支行',
    accountNumber: '6230270123456780030',
  },
  materials: ALL_MATERIALS(),
  ...extra,
});

export const BANK_ACCOUNT = {
  accountName: '甘肃银行高台支行',
  bankName: '甘肃银行高台支行',
  accountNumber: '9550880012345678',
};

export const contractBody = (principalFen = 20_000_000, extra: Record<string, unknown> = {}) => ({
  decision: 'approve',
  contractNo: `HT-${randomBytes(4).toString('hex')}`,
  principalFen,
  lprBp: 385,
  spreadBp: 50,
  annualRateBp: 435,
  startOn: '2020-06-21',
  maturityOn: '2022-06-20',
  schedule: [
    { dueOn: '2021-06-20', principalFen: principalFen / 2 },
    { dueOn: '2022-06-20', principalFen: principalFen / 2 },
  ],
  bankAccount: BANK_ACCOUNT,
  ...extra,
});

export type Staff = { hrss: string; guarantor: string; bank: string };
export async function staff(): Promise<Staff> {
  return {
    hrss: await staffToken('hrss', 1),
    guarantor: await staffToken('guarantee', 1),
    bank: await staffToken('bank', 1),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is whatever the route answered
async function ok(p: Promise<{ status: number; body: any }>, expected: number, what: string) {
  const res = await p;
  if (res.status !== expected)
    throw new Error(`${what}: ${String(res.status)} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function applyFor(b: Borrower, extra: Record<string, unknown> = {}) {
  return ok(
    call(applyLoan, 'POST /v1/loans', {
      token: b.token,
      body: applyBody(b, extra),
      headers: { 'idempotency-key': idem('apply') },
    }),
    201,
    'apply',
  );
}

/** apply → 人社 → 担保 → bank lends (the contract above); returns the loan id. */
export async function driveToActive(
  b: Borrower,
  s: Staff,
  principalFen = 20_000_000,
): Promise<string> {
  const loan = await applyFor(b, { requestedFen: principalFen });
  const params = { id: loan.id as string };
  await ok(
    call(decideEligibility, 'POST /v1/loans/{id}/eligibility', {
      token: s.hrss,
      params,
      body: { decision: 'approve' },
    }),
    200,
    'eligibility',
  );
  await ok(
    call(decideGuarantee, 'POST /v1/loans/{id}/guarantee', {
      token: s.guarantor,
      params,
      body: { decision: 'approve', feeRateBp: 100 },
    }),
    200,
    'guarantee',
  );
  const active = await ok(
    call(decideLending, 'POST /v1/loans/{id}/lending', {
      token: s.bank,
      params,
      body: contractBody(principalFen),
    }),
    200,
    'lending',
  );
  if (active.status !== 'active') throw new Error(`not active: ${active.status}`);
  return loan.id as string;
}
