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
import { IdNumber, Uscc } from '../subject';
import { UserId } from './common';

export const NotBoundDetails = z.object({
  reason: z.literal('NOT_BOUND'),
  bindingTicket: z.string(),
  bindingTicketExpiresAt: z.string(),
});
export type NotBoundDetails = z.infer<typeof NotBoundDetails>;

export const BindingTicket = z
  .string()
  .min(20)
  .max(2048)
  .regex(/^[A-Za-z0-9_.-]+$/, '绑定凭证格式不正确');
export const PersonName = z
  .string()
  .trim()
  .min(2, '请填写姓名')
  .max(30)
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母与间隔号');
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字');

/** POST /v1/bind/resident */
export const BindResidentBody = z
  .object({ ticket: BindingTicket, name: PersonName, idNumber: IdNumber, phone: Phone })
  .strict();
export type BindResidentBody = z.output<typeof BindResidentBody>;

/** Failed verifications a WeChat user may have per day before binding is locked until tomorrow. */
export const MAX_FAILED_VERIFICATIONS_PER_DAY = 5;

/**
 * POST /v1/bind/enterprise: the legal representative binds the enterprise. Refusals as for a
 * resident, plus 409 DUPLICATE ENTERPRISE_ALREADY_BOUND (the enterprise has a manager already)
 * and 422 VERIFICATION_FAILED ENTERPRISE_MISMATCH; 503 ENTERPRISE_CHECK_UNAVAILABLE.
 */
export const BindEnterpriseBody = z
  .object({
    ticket: BindingTicket,
    uscc: Uscc,
    legalRepName: PersonName,
    legalRepIdNumber: IdNumber,
    phone: Phone,
  })
  .strict();
export type BindEnterpriseBody = z.output<typeof BindEnterpriseBody>;

/** A one-time invite code for an operator (经办人): 8 characters without look-alikes (0/O, 1/I). */
export const InviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{8}$/, '邀请码应为 8 位字母或数字');

/**
 * POST /v1/bind/operator: an unbound WeChat user redeems an invite code and becomes an
 * operator of the inviting enterprise. Refusals: 404 NOT_FOUND INVITE_INVALID (unknown, used,
 * revoked or expired: one answer, so codes cannot be probed; it counts towards the day's 5 failed
 * attempts, then 429 BIND_ATTEMPTS_EXCEEDED), 409 ALREADY_BOUND.
 */
export const BindOperatorBody = z
  .object({ ticket: BindingTicket, code: InviteCode, name: PersonName, phone: Phone })
  .strict();
export type BindOperatorBody = z.output<typeof BindOperatorBody>;

/** POST /v1/enterprise/invites (the manager): the code to give the operator, valid 72 hours, once. */
export const InviteResult = z.object({ code: z.string(), expiresAt: z.string() });
export type InviteResult = z.infer<typeof InviteResult>;

export const MemberView = z.object({
  userId: z.string(),
  name: z.string(),
  memberRole: z.enum(['manager', 'operator']),
  /** `138****8000` */
  phone: z.string().optional(),
  since: z.string(),
});
export type MemberView = z.infer<typeof MemberView>;

/** GET /v1/enterprise/members (the manager): the manager and the operators, manager first. */
export const MembersResponse = z.object({ items: z.array(MemberView) });
export type MembersResponse = z.infer<typeof MembersResponse>;

/**
 * DELETE /v1/enterprise/operators/{userId} (the manager): the operator's sessions end at once
 * (401 SESSION_REVOKED on their next request) and their WeChat account is unbound.
 * 404 for a user who is not an operator of the caller's enterprise.
 */
export const OperatorPath = z.object({ userId: UserId });
export type OperatorPath = z.infer<typeof OperatorPath>;
