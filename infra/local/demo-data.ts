/**
 * The demo county's people and enterprises: a few of each, with the facts that make
 * different policies match (and one that does not), valid check digits throughout.
 * Used by `npm start` (seed) and by the end-to-end tests.
 */
import {
  employee,
  employerInsurance,
  lease,
  leaseRegistry,
  loan,
  loanRegistry,
  marketRegistry,
  personEmployment,
  personInsurance,
  povertyRegistry,
  awardList,
} from '../../shared/facts/examples';
import type { Fact } from '../../shared/facts';
import type { SubjectId, UserId } from '../../shared/ids';
import type { Payee } from '../../shared/lifecycle/grant';
import { idNumberCheckChar, usccCheckChar, type Subject } from '../../shared/subject';
import type { User } from '../../shared/user';
import { subjectIdOf } from '../../functions/repositories/subjects';

const COUNTY = '620724'; // 高台县, the county of seed 003
const uscc = (body9: string) => `91${COUNTY}${body9}` + usccCheckChar(`91${COUNTY}${body9}`);
const idNumber = (birth: string, seq: string) =>
  `${COUNTY}${birth}${seq}` + idNumberCheckChar(`${COUNTY}${birth}${seq}`);

export const DEMO_CODES = {
  trading: uscc('MA71HM001'),
  eatery: uscc('MA71BM002'),
  machinery: uscc('MA71QL003'),
  graduate: idNumber('19970315', '123'),
  migrant: idNumber('19850708', '246'),
  outsider: idNumber('19600101', '135'),
  // two more state-shop tenants, only for the reviewer walk of the e2e suite (issue #17):
  // one application each for the finance department's level-1 reviewer to approve
  noodles: uscc('MA71LJ004'),
  snacks: uscc('MA71XK005'),
} as const;

// Subject ids are keyed (SUBJECT_ID_KEY, functions/repositories/subjects.ts): they are computed
// when read, so importing this module (the demo's codes and facts) needs no key.
const enterprise = (code: string, name: string, size: 'micro' | 'small' | 'medium'): Subject => ({
  get id() {
    return subjectIdOf(code);
  },
  kind: 'enterprise',
  name,
  uscc: code,
  size,
  regionCode: COUNTY,
});
const person = (code: string, name: string): Subject => ({
  get id() {
    return subjectIdOf(code);
  },
  kind: 'person',
  name,
  idNumber: code,
  regionCode: COUNTY,
});

export const DEMO_SUBJECTS: Subject[] = [
  enterprise(DEMO_CODES.trading, '高台县惠民商贸有限公司', 'micro'),
  enterprise(DEMO_CODES.eatery, '高台县便民餐饮店', 'micro'),
  enterprise(DEMO_CODES.machinery, '高台县祁连机械制造有限公司', 'small'),
  person(DEMO_CODES.graduate, '王小明'),
  person(DEMO_CODES.migrant, '李秀英'),
  person(DEMO_CODES.outsider, '赵大伯'),
  enterprise(DEMO_CODES.noodles, '高台县老街面馆', 'micro'),
  enterprise(DEMO_CODES.snacks, '高台县巷口小吃店', 'micro'),
];

const c = DEMO_CODES;
export const DEMO_FACTS: Fact[] = [
  // 惠民商贸: three local hires in 2020 (two ≥ 6 months, one ≥ 12) → hire-local; paid UI → 稳岗返还
  marketRegistry({ name: '高台县惠民商贸有限公司' }, c.trading),
  employerInsurance(
    {
      employees: [
        employee({ personId: 'P-1001', hiredOn: '2020-03-01', consecutiveMonths: 9 }),
        employee({ personId: 'P-1002', hiredOn: '2020-04-15', consecutiveMonths: 8 }),
        employee({ personId: 'P-1003', hiredOn: '2020-01-02', consecutiveMonths: 12 }),
        employee({ personId: 'P-1004', hiredOn: '2020-09-01', consecutiveMonths: 3 }),
      ],
      unemploymentInsurancePaidFen: 1_260_000,
      headcountAtYearStart: 18,
    },
    c.trading,
    { from: '2020-01-01', to: '2025-12-31' },
  ),
  // …and on today's clock: two local hires since mid-2025 stable ≥ 6 months → hire-local-2026
  employerInsurance(
    {
      employees: [
        employee({ personId: 'P-1001', hiredOn: '2020-03-01', consecutiveMonths: 69 }),
        employee({ personId: 'P-1003', hiredOn: '2020-01-02', consecutiveMonths: 71 }),
        employee({ personId: 'P-1005', hiredOn: '2025-09-01', consecutiveMonths: 14 }),
        employee({ personId: 'P-1006', hiredOn: '2026-03-02', consecutiveMonths: 8 }),
        employee({ personId: 'P-1007', hiredOn: '2026-08-03', consecutiveMonths: 3 }),
      ],
      unemploymentInsurancePaidFen: 1_480_000,
      headcountAtYearStart: 19,
    },
    c.trading,
    { from: '2026-01-01', to: null },
  ),
  // 便民餐饮店: an individual catering business renting a state-owned shop → 房租减免
  marketRegistry(
    { name: '高台县便民餐饮店', kind: 'individual_business', industry: 'catering' },
    c.eatery,
  ),
  leaseRegistry(
    [lease({ leaseId: 'L-2001', landlordKind: 'state', monthlyRentFen: 280_000 })],
    c.eatery,
  ),
  // 祁连机械: on the 2023 award list (not in the 2020 demo window: shows "not matched")
  marketRegistry(
    { name: '高台县祁连机械制造有限公司', industry: 'manufacturing', size: 'small' },
    c.machinery,
  ),
  awardList(
    [{ code: 'tech_upgrade', year: 2023, amountFen: 10_000_000, listedOn: '2023-06-30' }],
    c.machinery,
  ),
  // 王小明: 2019 graduate, first business since 2019-06, 18 months → 一次性创业补贴; an active startup loan
  personEmployment(
    {
      graduateOn: '2019-06-30',
      firstBusinessStartedOn: '2019-07-01',
      businessMonthsOperating: 17,
      businessOperatingNormally: true,
    },
    c.graduate,
  ),
  povertyRegistry({}, c.graduate),
  loanRegistry([loan({ loanId: 'LN-3001', startOn: '2020-06-01' })], c.graduate),
  // 李秀英: registered poor, transferred out of province in an organised way → 交通补贴 / 稳岗补贴
  personEmployment(
    {
      transferredOrganised: true,
      transferDestination: 'out_of_province',
      transferredOn: '2020-04-01',
    },
    c.migrant,
  ),
  povertyRegistry({ registeredPoor: true, householdId: 'H-620724-0088' }, c.migrant),
  personInsurance(
    { employment: 'employed', consecutiveMonths: 7, employedSince: '2020-04-10' },
    c.migrant,
  ),
  // 赵大伯: on file, but no scheme fits him (the app must say why)
  personEmployment({}, c.outsider),
  povertyRegistry({}, c.outsider),
  // 老街面馆, 巷口小吃店: like 便民餐饮店, individual catering businesses in state-owned shops
  marketRegistry(
    { name: '高台县老街面馆', kind: 'individual_business', industry: 'catering' },
    c.noodles,
  ),
  leaseRegistry(
    [lease({ leaseId: 'L-2002', landlordKind: 'state', monthlyRentFen: 200_000 })],
    c.noodles,
  ),
  marketRegistry(
    { name: '高台县巷口小吃店', kind: 'individual_business', industry: 'catering' },
    c.snacks,
  ),
  leaseRegistry(
    [lease({ leaseId: 'L-2003', landlordKind: 'state', monthlyRentFen: 150_000 })],
    c.snacks,
  ),
];

/**
 * Receiving accounts already on file (社保卡 / 对公账户). 李秀英 has none: her 免申即享
 * grant waits for her to confirm an account, as DESIGN §4 describes, and she gives one when
 * she applies (shared/payee). 王小明's 社保卡 number carries a valid Luhn check digit.
 */
export const DEMO_PAYEES: { subjectId: SubjectId; payee: Payee }[] = [
  {
    get subjectId() {
      return subjectIdOf(c.trading);
    },
    payee: {
      accountName: '高台县惠民商贸有限公司',
      bankName: '甘肃银行高台支行',
      accountNumber: '6228480123456780011',
    },
  },
  {
    get subjectId() {
      return subjectIdOf(c.eatery);
    },
    payee: {
      accountName: '高台县便民餐饮店',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780022',
    },
  },
  {
    get subjectId() {
      return subjectIdOf(c.graduate);
    },
    payee: {
      accountName: '王小明',
      bankName: '甘肃省农村信用社（社保卡）',
      accountNumber: '6230270123456780030',
    },
  },
  {
    get subjectId() {
      return subjectIdOf(c.noodles);
    },
    payee: {
      accountName: '高台县老街面馆',
      bankName: '甘肃银行高台支行',
      accountNumber: '6228480123456780048',
    },
  },
  {
    get subjectId() {
      return subjectIdOf(c.snacks);
    },
    payee: {
      accountName: '高台县巷口小吃店',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780055',
    },
  },
];

const uid = (s: string) => `usr_${s}` as UserId;
export const DEMO_USERS: User[] = [
  {
    id: uid('trading01'),
    name: '惠民商贸（企业经办人）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.trading);
    },
  },
  {
    id: uid('eatery01'),
    name: '便民餐饮店（个体户）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.eatery);
    },
  },
  {
    id: uid('machine01'),
    name: '祁连机械（企业经办人）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.machinery);
    },
  },
  {
    id: uid('wangxm01'),
    name: '王小明（创业者）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.graduate);
    },
  },
  {
    id: uid('lixy01'),
    name: '李秀英（务工人员）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.migrant);
    },
  },
  {
    id: uid('zhaodb01'),
    name: '赵大伯（居民）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.outsider);
    },
  },
  {
    id: uid('noodles01'),
    name: '老街面馆（个体户）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.noodles);
    },
  },
  {
    id: uid('snacks01'),
    name: '巷口小吃店（个体户）',
    role: 'applicant',
    get subjectId() {
      return subjectIdOf(c.snacks);
    },
  },
  { id: uid('hrssl1'), name: '人社局 初审 陈科员', role: 'reviewer', department: 'hrss', level: 1 },
  { id: uid('hrssl2'), name: '人社局 复审 刘科长', role: 'reviewer', department: 'hrss', level: 2 },
  {
    id: uid('finl1'),
    name: '财政局 初审 周科员',
    role: 'reviewer',
    department: 'finance',
    level: 1,
  },
  {
    id: uid('finl2'),
    name: '财政局 复审 吴科长',
    role: 'reviewer',
    department: 'finance',
    level: 2,
  },
  { id: uid('admin01'), name: '平台管理员', role: 'admin' },
  // a second admin: a policy version's author cannot publish it (four eyes, issue #11)
  { id: uid('admin02'), name: '政策审核管理员', role: 'admin' },
];
