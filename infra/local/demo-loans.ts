/**
 * The demo's startup loans (issue 13): a guarantee-company and a bank officer, a veteran who can
 * apply for ¥200,000 on the phone (张建军), and one demo loan at each stage — waiting for 人社,
 * for the guarantee company, for the bank, active (with a contract and schedule), repaid —
 * built with the real lifecycle functions and saved with their events and claims. Safe to rerun:
 * the loans have fixed ids and a second save of one is skipped. `npm start` (infra/local/stack.ts)
 * seeds it after the demo county; the integration tests of other areas do not pay for it.
 */
import { instant, localDate, type Instant } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import { loanRegistry, personEmployment, povertyRegistry } from '../../shared/facts/examples';
import type { Fact } from '../../shared/facts';
import type { LoanId, UserId } from '../../shared/ids';
import type { ApplicantActor, ReviewerActor } from '../../shared/actor';
import type { Payee } from '../../shared/lifecycle/grant';
import {
  applyForLoan,
  decideEligibility,
  decideGuarantee,
  recordLending,
  recordRepayment,
  type Loan,
  type LoanEvent,
} from '../../shared/lifecycle/loan';
import { fen, yuan } from '../../shared/money';
import { idNumberCheckChar, type Subject } from '../../shared/subject';
import type { User } from '../../shared/user';
import { claimItem } from '../../functions/repositories/claims';
import { putFacts } from '../../functions/repositories/facts';
import { putHolder } from '../../functions/repositories/identity';
import { saveLoan } from '../../functions/repositories/loans';
import { putSubject, subjectIdOf } from '../../functions/repositories/subjects';
import { putUser } from '../../functions/repositories/users';
import { devUsersAllowed } from './seed';
import { policyRef } from '../../functions/services/policy-ref';

const COUNTY = '620724';
const idNumber = (birth: string, seq: string) =>
  `${COUNTY}${birth}${seq}` + idNumberCheckChar(`${COUNTY}${birth}${seq}`);

/** 张建军 applies himself; the others hold the demo loans at each stage. */
export const LOAN_DEMO_CODES = {
  applicant: idNumber('19900512', '317'),
  submitted: idNumber('19920304', '521'),
  guarantee: idNumber('19931111', '633'),
  bank: idNumber('19880808', '745'),
  active: idNumber('19910101', '857'),
  repaid: idNumber('19870707', '969'),
} as const;
type Stage = keyof typeof LOAN_DEMO_CODES;

const NAMES: Record<Stage, string> = {
  applicant: '张建军',
  submitted: '陈晓燕',
  guarantee: '马志强',
  bank: '杨丽',
  active: '刘建林',
  repaid: '何桂英',
};

const person = (code: string, name: string): Subject => ({
  get id() {
    return subjectIdOf(code);
  },
  kind: 'person',
  name,
  idNumber: code,
  regionCode: COUNTY,
});

export const LOAN_DEMO_SUBJECTS: Subject[] = (Object.keys(LOAN_DEMO_CODES) as Stage[]).map((s) =>
  person(LOAN_DEMO_CODES[s], NAMES[s]),
);

/** Veterans and returning migrant workers with a registered business: the key groups of 003 §四(四)19. */
export const LOAN_DEMO_FACTS: Fact[] = (Object.keys(LOAN_DEMO_CODES) as Stage[]).flatMap((s, i) => [
  personEmployment(
    i % 2 === 0
      ? { veteran: true, firstBusinessStartedOn: '2020-05-01' }
      : { returningMigrant: true, firstBusinessStartedOn: '2020-04-01' },
    LOAN_DEMO_CODES[s],
  ),
  povertyRegistry({}, LOAN_DEMO_CODES[s]),
  loanRegistry([], LOAN_DEMO_CODES[s]),
]);

const uid = (s: string) => `usr_${s}` as UserId;
export const LOAN_DEMO_USERS: User[] = [
  {
    id: uid('zhangjj01'),
    name: '张建军（退役军人创业）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(LOAN_DEMO_CODES.applicant);
    },
  },
  {
    id: uid('liujl01'),
    name: '刘建林（贷款还款中）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(LOAN_DEMO_CODES.active);
    },
  },
  {
    id: uid('guarl1'),
    name: '县担保公司 孙经理',
    role: 'reviewer',
    department: 'guarantee',
    level: 1,
  },
  {
    id: uid('bankl1'),
    name: '甘肃银行高台支行 钱信贷员',
    role: 'reviewer',
    department: 'bank',
    level: 1,
  },
];

const BANK_ACCOUNT: Payee = {
  accountName: '甘肃银行股份有限公司高台支行',
  bankName: '甘肃银行高台支行',
  accountNumber: '9550880012345678',
};

const at = (iso: string): Instant => instant(iso);
const hrss: ReviewerActor = {
  kind: 'reviewer',
  userId: uid('hrssl1'),
  department: 'hrss',
  level: 1,
};
const guarantor: ReviewerActor = {
  kind: 'reviewer',
  userId: uid('guarl1'),
  department: 'guarantee',
  level: 1,
};
const banker: ReviewerActor = {
  kind: 'reviewer',
  userId: uid('bankl1'),
  department: 'bank',
  level: 1,
};

/** Builds one demo loan up to its stage with the lifecycle's own functions. */
function demoLoan(stage: Exclude<Stage, 'applicant'>): { loan: Loan; events: LoanEvent[] } {
  const subjectId = subjectIdOf(LOAN_DEMO_CODES[stage]);
  const borrower: ApplicantActor = { kind: 'applicant', userId: uid(`loan-${stage}`), subjectId };
  const events: LoanEvent[] = [];
  const run = (t: { next: Loan; events: readonly LoanEvent[] }) => {
    events.push(...t.events);
    return t.next;
  };
  let loan = run(
    applyForLoan(
      {
        id: `loan_demo-${stage}` as LoanId,
        policyId: policyRef('startup-loan'),
        subjectId,
        capFen: yuan(200_000),
        requestedFen: stage === 'repaid' ? yuan(50_000) : yuan(200_000),
        details: {
          termMonths: 24,
          purpose: '购置设备、支付场地租金',
          businessName: `${NAMES[stage]}的小店`,
          industry: stage === 'bank' ? 'living_service' : 'catering',
        },
        materials: ['id_card', 'business_licence', 'business_plan', 'group_certificate'].map(
          (code) => ({ code, uploadKey: `uploads/${subjectId}/${code}/demo` }),
        ),
        missingMaterials: [],
        claimPeriod: 'once',
        reviewLevels: 1,
        explanation: {
          asOf: '2020-06-01',
          conditions: [
            { id: 'key_group', label: '属于重点群体', passed: true },
            { id: 'starting_business', label: '已办理创业登记（营业执照）', passed: true },
          ],
        },
      },
      borrower,
      at(stage === 'submitted' ? '2020-12-10T02:00:00Z' : '2020-06-01T02:00:00Z'),
    ),
  );
  if (stage === 'submitted') return { loan, events };
  loan = run(decideEligibility(loan, { kind: 'approve' }, hrss, at('2020-06-03T02:00:00Z')));
  if (stage === 'guarantee') return { loan, events };
  loan = run(
    decideGuarantee(
      loan,
      { kind: 'approve', feeRateBp: stage === 'bank' ? 150 : 100 },
      guarantor,
      at('2020-06-08T02:00:00Z'),
    ),
  );
  if (stage === 'bank') return { loan, events };
  const principalFen = loan.guaranteedFen ?? loan.requestedFen;
  loan = run(
    recordLending(
      loan,
      {
        kind: 'lent',
        principalFen,
        lentOn: localDate('2020-06-21'),
        maturityOn: localDate('2022-06-20'),
        contract: {
          contractNo: `GSB-2020-${stage}`,
          lprBp: 385,
          spreadBp: 50,
          annualRateBp: 435,
          schedule: [
            { dueOn: localDate('2021-06-20'), principalFen: fen(principalFen / 2) },
            { dueOn: localDate('2022-06-20'), principalFen: fen(principalFen / 2) },
          ],
        },
      },
      banker,
      at('2020-06-21T02:00:00Z'),
    ),
  );
  if (stage === 'active') return { loan, events };
  loan = run(
    recordRepayment(
      loan,
      { on: localDate('2020-11-05'), principalFen, ref: 'DEMO-REPAY-0001' },
      { kind: 'system', job: 'bank-feed' },
      at('2020-11-05T02:00:00Z'),
    ),
  );
  return { loan, events };
}

/** The loan demo: its people, facts, users (dev login only on a local table) and loans. */
export async function seedLoanDemo(): Promise<{ users: number; loans: number }> {
  const dev = devUsersAllowed();
  await Promise.all(LOAN_DEMO_SUBJECTS.map((s) => putSubject(s)));
  await putFacts(LOAN_DEMO_FACTS);
  await Promise.all(LOAN_DEMO_USERS.map((u) => putUser(u, { dev })));
  for (const u of LOAN_DEMO_USERS) if (u.role === 'applicant') await putHolder(u.subjectId, u.id);
  return { users: LOAN_DEMO_USERS.length, loans: await seedDemoLoans() };
}

/** Saves the demo loans (skips one already there) and returns how many were new. */
export async function seedDemoLoans(): Promise<number> {
  let saved = 0;
  for (const stage of ['submitted', 'guarantee', 'bank', 'active', 'repaid'] as const) {
    const { loan, events } = demoLoan(stage);
    const open = loan.status !== 'repaid';
    try {
      await saveLoan(loan, events, 'new', {
        repaymentAccount: {
          accountName: NAMES[stage],
          bankName: '甘肃银行高台支行',
          accountNumber: '6230270123456780030',
        },
        bankAccount: loan.contract ? BANK_ACCOUNT : undefined,
        with: open
          ? [
              claimItem(
                { policyId: loan.policyId, subjectId: loan.subjectId, period: 'once' },
                { kind: 'loan', id: loan.id },
                loan.submittedAt,
              ),
            ]
          : [],
      });
      saved++;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'DUPLICATE') continue;
      throw e;
    }
  }
  return saved;
}
