/**
 * Staff accounts (issue 12): POST/GET /v1/admin/staff, PATCH /v1/admin/staff/{userId} (admin),
 * POST /v1/bind/staff (an unbound WeChat user claims an account with its one-time code).
 *
 * Refusals: 400 INVALID_INPUT; 403 FORBIDDEN CANNOT_CHANGE_SELF; 404 NOT_FOUND STAFF_NOT_FOUND;
 * 404 NOT_FOUND CLAIM_INVALID (unknown, used or expired code: one answer; counts towards the day's
 * 5 failed attempts of the WeChat user, then 429 BIND_ATTEMPTS_EXCEEDED); 409 WRONG_STATE
 * ALREADY_DISABLED / NOT_DISABLED / ROLE_UNCHANGED; 409 DUPLICATE ALREADY_BOUND; 409 CONFLICT
 * (another admin changed it first: reload and retry).
 */
import { z } from 'zod';
import { DEPARTMENTS } from '../actor';
import { UserId } from './common';
import { BindingTicket } from './identity';

const Name = z.string().trim().min(1, '请填写姓名').max(50);
const Level = z.union([z.literal(1), z.literal(2)]);

/** Guarantee-company and bank staff are reviewers of the `guarantee` / `bank` departments. */
export const StaffRole = z.discriminatedUnion('role', [
  z.object({ role: z.literal('reviewer'), department: z.enum(DEPARTMENTS), level: Level }).strict(),
  z.object({ role: z.literal('admin') }).strict(),
  z.object({ role: z.literal('auditor') }).strict(),
]);

/**
 * The startup-loan roles (issue 13): `guarantor` (县中小企业信用担保公司) and `bank` (合作银行)
 * staff. They are stored as reviewers of the `guarantee` / `bank` departments (so sessions,
 * guards and views need nothing new); these names are what the admin picks.
 */
export const LOAN_STAFF_ROLES = { guarantor: 'guarantee', bank: 'bank' } as const;
export type LoanStaffRole = keyof typeof LOAN_STAFF_ROLES;

export const CreateStaffBody = z.discriminatedUnion('role', [
  z.object({ name: Name, role: z.literal('guarantor'), level: Level.default(1) }).strict(),
  z.object({ name: Name, role: z.literal('bank'), level: Level.default(1) }).strict(),
  z
    .object({
      name: Name,
      role: z.literal('reviewer'),
      department: z.enum(DEPARTMENTS),
      level: Level,
    })
    .strict(),
  z.object({ name: Name, role: z.literal('admin') }).strict(),
  z.object({ name: Name, role: z.literal('auditor') }).strict(),
]);
export type CreateStaffBody = z.output<typeof CreateStaffBody>;

/** One of: disable, enable, change to a role (a union: `change` appears once per role). */
export const ChangeStaffBody = z.union([
  z.object({ action: z.literal('disable') }).strict(),
  z.object({ action: z.literal('enable') }).strict(),
  z
    .object({
      action: z.literal('change'),
      role: z.literal('reviewer'),
      department: z.enum(DEPARTMENTS),
      level: Level,
    })
    .strict(),
  z
    .object({ action: z.literal('change'), role: z.literal('guarantor'), level: Level.default(1) })
    .strict(),
  z
    .object({ action: z.literal('change'), role: z.literal('bank'), level: Level.default(1) })
    .strict(),
  z.object({ action: z.literal('change'), role: z.literal('admin') }).strict(),
  z.object({ action: z.literal('change'), role: z.literal('auditor') }).strict(),
]);
export type ChangeStaffBody = z.output<typeof ChangeStaffBody>;

export const StaffPath = z.object({ userId: UserId });
export type StaffPath = z.infer<typeof StaffPath>;

export const StaffView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['reviewer', 'admin', 'auditor']),
  department: z.enum(DEPARTMENTS).optional(),
  departmentName: z.string().optional(),
  reviewLevel: Level.optional(),
  disabled: z.boolean(),
  /** a WeChat account has claimed it */
  claimed: z.boolean(),
});
export type StaffView = z.infer<typeof StaffView>;

/** The claim code is shown once, to the admin who created the account: 10 characters, 7 days. */
export const CreateStaffResult = z.object({
  staff: StaffView,
  claimCode: z.string(),
  claimExpiresAt: z.string(),
});
export type CreateStaffResult = z.infer<typeof CreateStaffResult>;

export const StaffList = z.object({ items: z.array(StaffView) });
export type StaffList = z.infer<typeof StaffList>;

export const ClaimCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{10}$/, '认领码应为 10 位字母或数字');

/** POST /v1/bind/staff: the binding ticket of the NOT_BOUND login and the claim code; answers a session. */
export const ClaimStaffBody = z.object({ ticket: BindingTicket, code: ClaimCode }).strict();
export type ClaimStaffBody = z.output<typeof ClaimStaffBody>;
