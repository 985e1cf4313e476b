/**
 * The binding forms are checked with the server's own schemas (shared/schemas/identity,
 * shared/subject): a wrong 身份证号 or 统一社会信用代码 check character is shown under its field
 * before anything is sent, with the same words the server would answer.
 */
import type { ZodType } from 'zod';
import { BindEnterpriseBody, BindOperatorBody, BindResidentBody } from '@shared/schemas/identity';
import { ClaimStaffBody } from '@shared/schemas/staff';

export type Fields = Partial<Record<string, string>>;
export type FieldErrors = Record<string, string>;

/** Either the parsed body or one message per field (the first the schema gives). */
export function check<T>(
  schema: ZodType<T>,
  value: Record<string, unknown>,
): { ok: true; body: T } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    // an empty field says "please fill it in", whatever rule it breaks
    const empty = typeof value[field] === 'string' && value[field].trim() === '';
    errors[field] ??= empty ? '请填写此项' : issue.message;
  }
  return { ok: false, errors };
}

export const residentForm = (ticket: string, f: Fields) =>
  check(BindResidentBody, {
    ticket,
    name: f.name ?? '',
    idNumber: f.idNumber ?? '',
    phone: f.phone ?? '',
  });

export const enterpriseForm = (ticket: string, f: Fields) =>
  check(BindEnterpriseBody, {
    ticket,
    uscc: f.uscc ?? '',
    legalRepName: f.legalRepName ?? '',
    legalRepIdNumber: f.legalRepIdNumber ?? '',
    phone: f.phone ?? '',
  });

/** An invite code has 8 characters, a staff claim code 10. */
export function codeKind(code: string): 'invite' | 'claim' | undefined {
  const c = code.trim();
  if (c.length === 8) return 'invite';
  if (c.length === 10) return 'claim';
  return undefined;
}

export function codeForm(ticket: string, f: Fields) {
  const code = f.code ?? '';
  const kind = codeKind(code);
  if (kind === 'claim') return { kind, ...check(ClaimStaffBody, { ticket, code }) } as const;
  if (kind === 'invite')
    return {
      kind,
      ...check(BindOperatorBody, { ticket, code, name: f.name ?? '', phone: f.phone ?? '' }),
    } as const;
  return {
    kind,
    ok: false as const,
    errors: {
      code: code.trim()
        ? '邀请码为 8 位、认领码为 10 位字母或数字，请核对'
        : '请填写邀请码或认领码',
    },
  };
}
