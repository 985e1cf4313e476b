/**
 * Subjects: the enterprise or resident a benefit is paid to (DESIGN §2).
 * An enterprise is identified by its 统一社会信用代码 (GB 32100-2015), a
 * person by their 居民身份证号 (GB 11643-1999); both carry a check character,
 * so a mistyped code is refused at the form, before any lookup.
 */
import { z } from 'zod';
import { idSchema, type SubjectId as SubjectIdType } from './ids';

// ---- 统一社会信用代码 GB 32100-2015 ---------------------------------------

/** The 31 characters allowed: digits and capitals except I, O, S, V, Z (easily misread). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;

/** Check character for the first 17: weights 3^i mod 31, check = (31 − Σ mod 31) mod 31. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    const value = USCC_CHARSET.indexOf(ch);
    if (value < 0) throw new RangeError(`not a USCC character: ${ch}`);
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function isValidUscc(code: string): boolean {
  return USCC_SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

// ---- 居民身份证号 GB 11643-1999 --------------------------------------------

const ID_SHAPE = /^\d{17}[\dX]$/;
/** Weights 2^(17−i) mod 11 for positions i = 1…17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by Σ mod 11. */
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  ID_WEIGHTS.forEach((w, i) => {
    sum += Number(first17.charAt(i)) * w;
  });
  return ID_CHECK.charAt(sum % 11);
}

/** Positions 7–14 hold the birth date YYYYMMDD; it must be a real day from 1900 on. */
export function birthDateOf(idNumber: string): string | null {
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * Valid shape, real birth date, correct check character. `todayOn` (injected,
 * shared/ reads no clock) additionally refuses a birth date in the future.
 */
export function isValidIdNumber(id: string, todayOn?: string): boolean {
  if (!ID_SHAPE.test(id)) return false;
  const born = birthDateOf(id);
  if (born === null || (todayOn !== undefined && born > todayOn)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id.charAt(17);
}

// ---- official codes in feeds ----------------------------------------------

/** Feeds and forms may carry lower case and spaces; ids and keys use the upper-case code. */
export const normaliseOfficialCode = (code: string): string => code.trim().toUpperCase();

/** Why a code is neither a valid 统一社会信用代码 nor a valid 居民身份证号 (Chinese, for a feed's rejected row); undefined when valid. */
export function officialCodeProblem(raw: string): string | undefined {
  const code = normaliseOfficialCode(raw);
  if (isValidUscc(code) || isValidIdNumber(code)) return undefined;
  if (code.length !== 18)
    return `主体代码应为18位统一社会信用代码或居民身份证号，实为${code.length}位`;
  if (ID_SHAPE.test(code)) {
    if (birthDateOf(code) === null) return '居民身份证号的出生日期无效';
    return `居民身份证号校验位错误（应为 ${idNumberCheckChar(code.slice(0, 17))}）`;
  }
  const forbidden = [...new Set(code.replace(/[^IOSVZ]/g, ''))];
  if (forbidden.length > 0)
    return `统一社会信用代码不能含字母 I、O、S、V、Z（含有 ${forbidden.join('、')}）`;
  if (!USCC_SHAPE.test(code)) return '统一社会信用代码只能由数字和大写字母组成';
  return `统一社会信用代码校验位错误（应为 ${usccCheckChar(code.slice(0, 17))}）`;
}

// ---- schemas ----------------------------------------------------------------

/** Accepts lower case and surrounding spaces from forms, stores upper case. */
export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUscc, { error: '统一社会信用代码无效（应为18位，校验位正确）' });

export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => isValidIdNumber(s), {
    error: '居民身份证号无效（应为18位，出生日期与校验位正确）',
  });

/** Schema and branded type under one name, as in STYLE §4. */
export const SubjectId = idSchema('subject');
export type SubjectId = SubjectIdType;

const SubjectBase = {
  id: SubjectId,
  name: z.string().trim().min(1).max(100),
  /** 行政区划代码 of the county that pays, 6 digits. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
};

export const EnterpriseSubject = z.object({
  ...SubjectBase,
  kind: z.literal('enterprise'),
  uscc: Uscc,
  /** 中小微 classification, used by rules such as hire-local (POLICIES A). */
  size: z.enum(['large', 'medium', 'small', 'micro']).optional(),
});

export const PersonSubject = z.object({
  ...SubjectBase,
  kind: z.literal('person'),
  idNumber: IdNumber,
});

export const Subject = z.discriminatedUnion('kind', [EnterpriseSubject, PersonSubject]);
export type Subject = z.infer<typeof Subject>;
export type SubjectKind = Subject['kind'];
export type EnterpriseSubject = z.infer<typeof EnterpriseSubject>;
export type PersonSubject = z.infer<typeof PersonSubject>;
