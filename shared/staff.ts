/**
 * Staff accounts (issue 12, DESIGN §13): reviewers (department, level 1 or 2 — guarantee-company
 * and bank staff are reviewers of the `guarantee` and `bank` departments), auditors and admins,
 * created by an admin and claimed with a one-time code. The admin's changes are a pure
 * transition with audit events, like every other aggregate; each one ends the staff member's
 * sessions (the repository bumps the session version in the same write).
 */
import type { AdminActor, DepartmentCode, ReviewLevel } from './actor';
import { actorRef } from './actor';
import { DomainError } from './errors';
import type { UserId } from './ids';
import type { User } from './user';

export type StaffUser = Exclude<User, { role: 'applicant' }>;

export interface StaffAccount {
  user: StaffUser;
  disabled: boolean;
  /** a WeChat account has claimed it */
  claimed: boolean;
  version: number;
}

export type StaffRole =
  | { role: 'reviewer'; department: DepartmentCode; level: ReviewLevel }
  | { role: 'admin' }
  | { role: 'auditor' };

export type StaffCommand =
  { action: 'disable' } | { action: 'enable' } | ({ action: 'change' } & StaffRole);

type Base = { at: string; by: AdminActor; userId: UserId; version: number };
export type StaffEvent =
  | (Base & { type: 'StaffCreated'; role: StaffRole })
  /** by the staff member, on their first login */
  | (Omit<Base, 'by'> & { type: 'StaffClaimed' })
  | (Base & { type: 'StaffDisabled' })
  | (Base & { type: 'StaffEnabled' })
  | (Base & { type: 'StaffRoleChanged'; from: StaffRole; to: StaffRole });

export function roleOf(user: StaffUser): StaffRole {
  switch (user.role) {
    case 'reviewer':
      return { role: 'reviewer', department: user.department, level: user.level };
    case 'admin':
      return { role: 'admin' };
    case 'auditor':
      return { role: 'auditor' };
  }
}

export function withRole(user: StaffUser, r: StaffRole): StaffUser {
  const base = { id: user.id, name: user.name };
  return r.role === 'reviewer'
    ? { ...base, role: 'reviewer', department: r.department, level: r.level }
    : { ...base, role: r.role };
}

const sameRole = (a: StaffRole, b: StaffRole) => JSON.stringify(a) === JSON.stringify(b);

/** An admin changes a staff account; never their own (an admin cannot lock themselves or the platform out). */
export function changeStaff(
  account: StaffAccount,
  cmd: StaffCommand,
  actor: AdminActor,
  now: Date,
): { next: StaffAccount; events: StaffEvent[] } {
  if (actor.userId === account.user.id) {
    throw new DomainError('FORBIDDEN', '不能停用或变更自己的账号，请由其他管理员操作', {
      reason: 'CANNOT_CHANGE_SELF',
    });
  }
  const version = account.version + 1;
  const base = {
    at: now.toISOString(),
    by: actorRef(actor) as AdminActor,
    userId: account.user.id,
    version,
  };
  switch (cmd.action) {
    case 'disable':
      if (account.disabled)
        throw new DomainError('WRONG_STATE', '该账号已停用', { reason: 'ALREADY_DISABLED' });
      return {
        next: { ...account, disabled: true, version },
        events: [{ ...base, type: 'StaffDisabled' }],
      };
    case 'enable':
      if (!account.disabled)
        throw new DomainError('WRONG_STATE', '该账号未停用', { reason: 'NOT_DISABLED' });
      return {
        next: { ...account, disabled: false, version },
        events: [{ ...base, type: 'StaffEnabled' }],
      };
    case 'change': {
      const { action: _a, ...to } = cmd;
      const from = roleOf(account.user);
      if (sameRole(from, to))
        throw new DomainError('WRONG_STATE', '角色与级别未变化', { reason: 'ROLE_UNCHANGED' });
      return {
        next: { ...account, user: withRole(account.user, to), version },
        events: [{ ...base, type: 'StaffRoleChanged', from, to }],
      };
    }
  }
}
