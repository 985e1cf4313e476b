/**
 * The receiving account (收款账户) of an application or a grant: the one set of checks the
 * mini-app's form and the server both run, so a number the form accepts is one the server
 * accepts, with the same words.
 *
 * - 户名 must be the subject's registered name (营业执照 / 身份证上的姓名): compared after
 *   trimming, dropping spaces and folding full-width forms to half-width (NFKC), so
 *   「惠民商贸（高台）有限公司」 and 「惠民商贸(高台)有限公司」 are the same name.
 * - 开户行 is required.
 * - 账号: digits only once spaces and hyphens are dropped (as printed on cards).
 *   A resident (person subject) is paid to a personal bank card or 社保卡 (a bank card):
 *   16–19 digits, and the last digit is the Luhn check digit (ISO/IEC 7812). An enterprise's
 *   对公账户 is 8–30 digits and carries no check digit that applies across banks.
 *
 * Every refusal carries a stable `reason` (details.reason on the server) and the field.
 * Pure: no clock, no I/O.
 */
import { DomainError, invalidInput } from './errors';
import type { Payee } from './lifecycle/grant';
import { maskBankAccount } from './mask';

export type { Payee } from './lifecycle/grant';

/** Who the account must belong to: the subject's kind and its registered name. */
export type PayeeSubject = { readonly kind: 'enterprise' | 'person'; readonly name: string };

/** What a person types in: as typed, not yet normalised. */
export type PayeeInput = {
  readonly accountName?: string;
  readonly bankName?: string;
  readonly accountNumber?: string;
};

export type PayeeField = 'accountName' | 'bankName' | 'accountNumber';

export const PAYEE_REASONS = [
  'ACCOUNT_NAME_REQUIRED',
  'ACCOUNT_NAME_TOO_LONG',
  'ACCOUNT_NAME_MISMATCH',
  'BANK_NAME_REQUIRED',
  'BANK_NAME_TOO_LONG',
  'ACCOUNT_NUMBER_REQUIRED',
  'ACCOUNT_NUMBER_NOT_DIGITS',
  'BAD_ACCOUNT_LENGTH',
  'BAD_CARD_LENGTH',
  'BAD_CHECK_DIGIT',
] as const;
export type PayeeReason = (typeof PAYEE_REASONS)[number];

export type PayeeProblem = {
  readonly field: PayeeField;
  readonly reason: PayeeReason;
  readonly message: string;
};

const MAX_NAME = 100;
export const CORPORATE_DIGITS = { min: 8, max: 30 } as const;
export const CARD_DIGITS = { min: 16, max: 19 } as const;

/** NFKC folds full-width letters, digits and brackets to half-width; spaces of any width are dropped. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** Full-width digits folded, spaces and hyphens (as printed on cards) dropped. */
export function normaliseAccountNumber(accountNumber: string): string {
  return accountNumber.normalize('NFKC').replace(/[\s-]/g, '');
}

/** Luhn (mod 10) over a digit string whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function accountNumberProblem(raw: string, subject: PayeeSubject): PayeeProblem | undefined {
  const digits = normaliseAccountNumber(raw);
  const problem = (reason: PayeeReason, message: string): PayeeProblem => ({
    field: 'accountNumber',
    reason,
    message,
  });
  if (digits.length === 0) return problem('ACCOUNT_NUMBER_REQUIRED', '请填写银行账号');
  if (!/^\d+$/.test(digits)) return problem('ACCOUNT_NUMBER_NOT_DIGITS', '银行账号只能包含数字');
  if (subject.kind === 'person') {
    if (digits.length < CARD_DIGITS.min || digits.length > CARD_DIGITS.max) {
      return problem(
        'BAD_CARD_LENGTH',
        `个人收款账户应为${CARD_DIGITS.min}–${CARD_DIGITS.max}位银行卡号（含社保卡）`,
      );
    }
    if (!luhnValid(digits)) return problem('BAD_CHECK_DIGIT', '银行卡号校验位不正确，请核对卡号');
    return undefined;
  }
  if (digits.length < CORPORATE_DIGITS.min || digits.length > CORPORATE_DIGITS.max) {
    return problem(
      'BAD_ACCOUNT_LENGTH',
      `对公账号应为${CORPORATE_DIGITS.min}–${CORPORATE_DIGITS.max}位数字`,
    );
  }
  return undefined;
}

/** Every problem of the input, in form order (户名, 开户行, 账号); empty when it is acceptable. */
export function payeeProblems(input: PayeeInput, subject: PayeeSubject): PayeeProblem[] {
  const problems: PayeeProblem[] = [];
  const accountName = (input.accountName ?? '').trim();
  if (accountName.length === 0) {
    problems.push({ field: 'accountName', reason: 'ACCOUNT_NAME_REQUIRED', message: '请填写户名' });
  } else if (accountName.length > MAX_NAME) {
    problems.push({
      field: 'accountName',
      reason: 'ACCOUNT_NAME_TOO_LONG',
      message: `户名不能超过${MAX_NAME}字`,
    });
  } else if (normaliseName(accountName) !== normaliseName(subject.name)) {
    problems.push({
      field: 'accountName',
      reason: 'ACCOUNT_NAME_MISMATCH',
      message: `户名须与${subject.kind === 'enterprise' ? '营业执照登记的名称' : '身份证上的姓名'}「${subject.name}」一致`,
    });
  }
  const bankName = (input.bankName ?? '').trim();
  if (bankName.length === 0)
    problems.push({ field: 'bankName', reason: 'BANK_NAME_REQUIRED', message: '请填写开户行' });
  else if (bankName.length > MAX_NAME)
    problems.push({
      field: 'bankName',
      reason: 'BANK_NAME_TOO_LONG',
      message: `开户行不能超过${MAX_NAME}字`,
    });
  const numberProblem = accountNumberProblem(input.accountNumber ?? '', subject);
  if (numberProblem) problems.push(numberProblem);
  return problems;
}

/**
 * The account as stored: the subject's registered name (the comparison passed), the bank
 * name trimmed, the number as bare digits. Throws INVALID_INPUT (400) naming the first
 * problem in the message and `details.reason`, with every problem in `details.problems`.
 */
export function validatePayee(input: PayeeInput, subject: PayeeSubject): Payee {
  const problems = payeeProblems(input, subject);
  const first = problems[0];
  if (first)
    throw invalidInput(first.message, { reason: first.reason, field: first.field, problems });
  return {
    accountName: subject.name.trim(),
    bankName: (input.bankName ?? '').trim(),
    accountNumber: normaliseAccountNumber(input.accountNumber ?? ''),
  };
}

/** The applicant's choice: the account on file, or a new one typed in. */
export type AccountChoice =
  { readonly source: 'profile' } | ({ readonly source: 'new' } & PayeeInput);

export type AccountSource = AccountChoice['source'];

/**
 * The account an application will be paid to. `profile` takes the account on file as it is
 * (it was checked when it was put on file); none on file → ACCOUNT_REQUIRED (422), asking
 * for a new one. `new` is validated against the subject.
 */
export function resolvePayee(
  choice: AccountChoice,
  ctx: { readonly subject: PayeeSubject; readonly onFile?: Payee },
): { readonly payee: Payee; readonly source: AccountSource } {
  if (choice.source === 'profile') {
    if (ctx.onFile === undefined) {
      throw new DomainError('ACCOUNT_REQUIRED', '您还没有登记收款账户，请填写新的收款账户', {
        reason: 'NO_ACCOUNT_ON_FILE',
      });
    }
    return { payee: ctx.onFile, source: 'profile' };
  }
  return { payee: validatePayee(choice, ctx.subject), source: 'new' };
}

/** What any view or log may show of an account: `****1234` and the bank. */
export type MaskedPayee = { readonly accountMasked: string; readonly bankName: string };

export function maskPayee(payee: Payee): MaskedPayee {
  return { accountMasked: maskBankAccount(payee.accountNumber), bankName: payee.bankName };
}
