/**
 * Who is who (issue 12, DESIGN §13): binding a WeChat user to a subject.
 *
 * Flow of a new WeChat user: POST /v1/auth/login {wechatCode} answers 403 with
 * `error.details = NotBoundDetails` (reason NOT_BOUND and a binding ticket). The mini-app
 * then posts the ticket with the binding form; success answers a session (LoginResult), so
 * the user is signed in at once.
 *
 * Refusals (status, code, details.reason):
 *   400 INVALID_INPUT                      — a field is wrong (ID checksum, phone format…)
 *   401 UNAUTHENTICATED BINDING_TICKET_INVALID — ticket missing, forged or older than 30 minutes
 *   409 DUPLICATE ALREADY_BOUND            — this WeChat account is already bound (log in instead)
 *   409 DUPLICATE ID_ALREADY_BOUND         — the ID number is bound to another WeChat account
 *   422 VERIFICATION_FAILED REAL_NAME_MISMATCH — the name does not belong to the ID number (counts)
 *   429 RATE_LIMITED BIND_ATTEMPTS_EXCEEDED — 5 failed verifications today (Asia/Shanghai day)
 *   503 UNAVAILABLE REAL_NAME_UNAVAILABLE   — the check cannot answer now (does not count)
 */
import { z } from 'zod';
import { IdNumber } from '../subject';

export const NotBoundDetails = z.object({
  reason: z.literal('NOT_BOUND'),
  bindingTicket: z.string(),
  bindingTicketExpiresAt: z.string(),
});
export type NotBoundDetails = z.infer<typeof NotBoundDetails>;

export const BindingTicket = z.string().min(20).max(2048).regex(/^[A-Za-z0-9_.-]+$/, '绑定凭证格式不正确');
export const PersonName = z.string().trim().min(2, '请填写姓名').max(30).regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母与间隔号');
export const Phone = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字');

/** POST /v1/bind/resident */
export const BindResidentBody = z
  .object({ ticket: BindingTicket, name: PersonName, idNumber: IdNumber, phone: Phone })
  .strict();
export type BindResidentBody = z.output<typeof BindResidentBody>;

/** Failed verifications a WeChat user may have per day before binding is locked until tomorrow. */
export const MAX_FAILED_VERIFICATIONS_PER_DAY = 5;
