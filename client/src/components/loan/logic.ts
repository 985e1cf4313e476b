/**
 * The loan pages' pure logic (issue 13): the progress steps 人社 → 担保 → 银行 → 放款 → 还清,
 * rates typed as percentages ↔ basis points, the bank's contract form (a repayment schedule
 * proposed from principal, dates and the number of instalments, checked as the server checks it),
 * and bank events. The server decides; these only keep a person from sending what it refuses.
 */
import { fen, formatFen } from '@shared/money';
import type { LoanDetail, LoanSummary } from '../../api/loans';
import { parseYuanInput } from '../../format';

export type StepState = 'done' | 'current' | 'todo' | 'failed';
export interface ProgressStep {
  key: 'eligibility' | 'guarantee' | 'bank' | 'active' | 'repaid';
  label: string;
  state: StepState;
}

const STEP_LABELS: Record<ProgressStep['key'], string> = {
  eligibility: '人社局资格审核',
  guarantee: '担保公司审核',
  bank: '银行审批放款',
  active: '已放款 · 还款中',
  repaid: '已还清',
};
const ORDER: ProgressStep['key'][] = ['eligibility', 'guarantee', 'bank', 'active', 'repaid'];

/** Where the loan stands on its five steps; a refusal marks the step that refused. */
export function progressOf(
  loan: Pick<LoanSummary, 'status'> & { refusedAt?: string },
): ProgressStep[] {
  const at: Record<LoanSummary['status'], number> = {
    submitted: 0,
    eligibility_review: 0,
    guarantee_review: 1,
    bank_lending: 2,
    active: 3,
    defaulted: 3,
    repaid: 5,
    rejected: -1,
  };
  const current = at[loan.status];
  return ORDER.map((key, i) => {
    let state: StepState;
    if (loan.status === 'rejected') {
      const failedAt = ORDER.indexOf((loan.refusedAt ?? 'eligibility') as ProgressStep['key']);
      state = i < failedAt ? 'done' : i === failedAt ? 'failed' : 'todo';
    } else if (loan.status === 'defaulted' && i === 3) state = 'failed';
    else if (key === 'active' && loan.status === 'active') state = 'current';
    else state = i < current ? 'done' : i === current ? 'current' : 'todo';
    return { key, label: STEP_LABELS[key], state };
  });
}

/** The step a rejected loan was refused at, from its timeline (人社, 担保 or 银行). */
export function refusedStepOf(
  timeline: readonly { type: string; text: string }[],
): 'eligibility' | 'guarantee' | 'bank' {
  const last = [...timeline]
    .reverse()
    .find((e) =>
      ['LoanEligibilityDecided', 'LoanGuaranteeDecided', 'LoanDeclinedByBank'].includes(e.type),
    );
  if (last?.type === 'LoanDeclinedByBank') return 'bank';
  if (last?.type === 'LoanGuaranteeDecided') return 'guarantee';
  return 'eligibility';
}

/** 435 → "4.35%" */
export function percentText(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

/** "4.35", "4.35%", "0.5" → basis points (435, 435, 50); undefined unless a plain rate ≤ 100 % with ≤ 2 decimals. */
export function percentToBp(text: string): number | undefined {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(text.replace(/[\s%％]/g, ''));
  if (!m) return undefined;
  const decimals = m[2] as string | undefined; // an optional group: undefined when absent
  const bp = Number(m[1]) * 100 + Number((decimals ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The same day `months` later (the month's last day when it has no such day). */
export function addMonths(on: string, months: number): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * A schedule of `n` instalments of (nearly) equal principal, spread evenly over the term; the
 * last is due on the maturity date and takes the fen left over.
 */
export function proposeSchedule(
  principalFen: number,
  startOn: string,
  maturityOn: string,
  termMonths: number,
  n: number,
): { dueOn: string; principalFen: number }[] {
  const count = Math.max(1, Math.min(n, termMonths));
  const each = Math.floor(principalFen / count);
  return Array.from({ length: count }, (_, i) => ({
    dueOn:
      i === count - 1 ? maturityOn : addMonths(startOn, Math.round((termMonths * (i + 1)) / count)),
    principalFen: i === count - 1 ? principalFen - each * (count - 1) : each,
  }));
}

export interface ContractDraft {
  contractNo: string;
  principalYuan: string;
  lprPercent: string;
  spreadPercent: string;
  startOn: string;
  maturityOn: string;
  instalments: string;
  accountName: string;
  bankName: string;
  accountNumber: string;
}

export type ContractErrors = Partial<Record<keyof ContractDraft, string>>;

export interface ContractChecked {
  contractNo: string;
  principalFen: number;
  lprBp: number;
  spreadBp: number;
  annualRateBp: number;
  startOn: string;
  maturityOn: string;
  schedule: { dueOn: string; principalFen: number }[];
  bankAccount?: { accountName: string; bankName: string; accountNumber: string };
}

/** The months between two dates as the contract counts them (same day next month = 1). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return (yb - ya) * 12 + (mb - ma) + (db > da ? 1 : 0);
}

/** The bank's contract as typed → the lending body, or the errors under each field. */
export function checkContract(
  d: ContractDraft,
  loan: { guaranteedFen: number | null; requestedFen: number; terms: LoanDetail['terms'] },
): { ok: true; value: ContractChecked } | { ok: false; errors: ContractErrors } {
  const errors: ContractErrors = {};
  const limit = loan.guaranteedFen ?? loan.requestedFen;
  const contractNo = d.contractNo.trim();
  if (!/^[A-Za-z0-9_-]{4,40}$/.test(contractNo))
    errors.contractNo = '合同编号为 4–40 位字母、数字或“-”';
  const principalFen = parseYuanInput(d.principalYuan);
  if (principalFen === undefined || principalFen <= 0)
    errors.principalYuan = '请输入正确的放款金额（元）';
  else if (principalFen > limit)
    errors.principalYuan = `放款金额不能超过担保金额 ${formatFen(fen(limit))}`;
  const lprBp = percentToBp(d.lprPercent);
  if (lprBp === undefined) errors.lprPercent = '请输入LPR，例如 3.85';
  const spreadBp = percentToBp(d.spreadPercent);
  if (spreadBp === undefined) errors.spreadPercent = '请输入加点，例如 0.50';
  else if (spreadBp > loan.terms.maxSpreadBp)
    errors.spreadPercent = `加点不能超过 ${percentText(loan.terms.maxSpreadBp)}（LPR+${String(loan.terms.maxSpreadBp)}BP）`;
  if (!isDate(d.startOn)) errors.startOn = '请按 2020-12-15 的格式填写放款日';
  if (!isDate(d.maturityOn)) errors.maturityOn = '请按 2022-12-14 的格式填写到期日';
  else if (isDate(d.startOn) && d.maturityOn <= d.startOn)
    errors.maturityOn = '到期日必须晚于放款日';
  else if (isDate(d.startOn) && monthsBetween(d.startOn, d.maturityOn) > loan.terms.maxTermMonths)
    errors.maturityOn = `贷款期限不能超过 ${String(loan.terms.maxTermMonths)} 个月`;
  const n = Number(d.instalments);
  if (!Number.isInteger(n) || n < 1 || n > 36) errors.instalments = '还款期数为 1–36 期';
  let bankAccount: ContractChecked['bankAccount'];
  if (loan.terms.interestPayee === 'bank') {
    if (!d.accountName.trim()) errors.accountName = '请填写贴息收款账户户名';
    if (!d.bankName.trim()) errors.bankName = '请填写开户行';
    if (!/^[0-9 ]{8,40}$/.test(d.accountNumber.trim())) errors.accountNumber = '账号为 8–30 位数字';
    bankAccount = {
      accountName: d.accountName.trim(),
      bankName: d.bankName.trim(),
      accountNumber: d.accountNumber.trim(),
    };
  }
  if (
    Object.keys(errors).length > 0 ||
    principalFen === undefined ||
    lprBp === undefined ||
    spreadBp === undefined
  )
    return { ok: false, errors };
  const term = monthsBetween(d.startOn, d.maturityOn);
  return {
    ok: true,
    value: {
      contractNo,
      principalFen,
      lprBp,
      spreadBp,
      annualRateBp: lprBp + spreadBp,
      startOn: d.startOn,
      maturityOn: d.maturityOn,
      schedule: proposeSchedule(principalFen, d.startOn, d.maturityOn, term, n),
      ...(bankAccount ? { bankAccount } : {}),
    },
  };
}

/** The loan's term from the application, in words: 24 → "24 个月（2 年）". */
export function termText(months: number): string {
  return months % 12 === 0
    ? `${String(months)} 个月（${String(months / 12)} 年）`
    : `${String(months)} 个月`;
}
