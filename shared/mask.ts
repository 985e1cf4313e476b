/**
 * Masking of personal data before it reaches a log, an error detail or a
 * reviewer's list (STYLE §11: our payloads carry ID-card numbers and bank
 * accounts). 统一社会信用代码 are public registry data and are left alone —
 * except that an all-digit 18-character code cannot be told from an ID number
 * or an account number, so it is masked too (privacy wins over a readable log).
 */

const STARS = (n: number) => '*'.repeat(Math.max(0, n));

/** 居民身份证号 → first 4 (province+city) and last 4: `3301**********123X`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return STARS(id.length);
  return id.slice(0, 4) + STARS(id.length - 8) + id.slice(-4);
}

/** Bank account → last 4 only, fixed width so the length does not leak either: `****1234`. */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/[\s-]/g, '');
  return `****${digits.slice(-4)}`;
}

/** Mainland mobile → first 3 and last 4: `138****5678` (a +86 prefix is kept). */
export function maskPhone(phone: string): string {
  const m = /^(\+?86[\s-]?)?(\d{3})\d{4}(\d{4})$/.exec(phone.trim());
  if (m === null) return STARS(phone.length);
  return `${m[1] ?? ''}${m[2] ?? ''}****${m[3] ?? ''}`;
}

/**
 * A person's name as a 公示 list shows it (issue 14): the first and last characters with the
 * middle starred, `王小明` → `王*明`, `李四` → `李*`; a longer name keeps only its ends
 * (`欧阳小明` → `欧**明`). Enterprises are shown in full and never pass through here.
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 1 ? '*' : '';
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${STARS(chars.length - 2)}${chars.at(-1) ?? ''}`;
}

// Boundaries: not inside a longer alphanumeric token (ids like `pay_01J…`, hashes).
const B = '(?<![0-9A-Za-z_])';
const E = '(?![0-9A-Za-z_])';
const ID_NUMBER = new RegExp(`${B}\\d{17}[\\dXx]${E}`, 'g');
const PHONE = new RegExp(`${B}(?:\\+?86[\\s-]?)?1[3-9]\\d{9}${E}`, 'g');
/**
 * 8–30 digits (cards have 16–19, 对公账户 8–30: shared/payee), contiguous or in groups of 4
 * separated by a space or hyphen (as printed on cards).
 */
const BANK_ACCOUNT = new RegExp(
  `${B}(?:\\d{8,30}|\\d{4}(?:[ -]\\d{4}){2,3}(?:[ -]\\d{1,3})?)${E}`,
  'g',
);

/** Masks every ID number, phone and bank account number inside a string. Order matters: 18 digits is an ID first. */
export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, maskIdNumber)
    .replace(PHONE, maskPhone)
    .replace(BANK_ACCOUNT, maskBankAccount);
}

/** Field names whose value is personal whatever its format. */
const SENSITIVE_KEYS: Readonly<Record<string, (s: string) => string>> = {
  idNumber: maskIdNumber,
  accountNumber: maskBankAccount,
  bankAccount: maskBankAccount,
  phone: maskPhone,
  mobile: maskPhone,
};

/**
 * JSON.stringify replacer for the logger: `JSON.stringify(x, sensitiveReplacer)`.
 * Only strings are masked; numbers (fen amounts, epoch ms) pass unchanged.
 */
export function sensitiveReplacer(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const byKey = SENSITIVE_KEYS[key];
  return byKey !== undefined ? byKey(value) : maskText(value);
}

/** Deep copy with every sensitive string masked; for structured loggers that take objects. */
export function maskSensitive<T>(value: T): T {
  return mask('', value) as T;
}

function mask(key: string, value: unknown): unknown {
  if (typeof value === 'string') return sensitiveReplacer(key, value);
  if (Array.isArray(value)) return value.map((v) => mask('', v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(k, v)]));
  }
  return value;
}
