/** Staff accounts (issue 12): an admin creates, lists and changes them; the person claims one with a code. */
import { randomInt } from 'node:crypto';
import { DEPARTMENT_LABELS, type AdminActor } from '../../shared/actor';
import { DomainError } from '../../shared/errors';
import type { LoginResult } from '../../shared/schemas/auth';
import {
  LOAN_STAFF_ROLES,
  type ChangeStaffBody,
  ClaimStaffBody,
  type CreateStaffBody,
  type CreateStaffResult,
  type StaffList,
  type StaffPath,
  type StaffView,
} from '../../shared/schemas/staff';
import {
  changeStaff as change,
  roleOf,
  withRole,
  type StaffAccount,
  type StaffRole,
} from '../../shared/staff';

/** `guarantor` / `bank` (issue 13) are reviewers of the guarantee / bank departments. */
function storedRole(r: { role: string; level?: 1 | 2; department?: string }): StaffRole {
  if (r.role === 'guarantor' || r.role === 'bank')
    return { role: 'reviewer', department: LOAN_STAFF_ROLES[r.role], level: r.level ?? 1 };
  return r as unknown as StaffRole;
}
import { newId } from '../_lib/new-id';
import { verifyBindingTicket } from '../_lib/session';
import {
  claimInvalid,
  createStaff as saveNew,
  findClaim,
  findStaff,
  listStaff,
  saveClaim,
  saveStaffChange,
} from '../repositories/staff';
import { findUserByOpenId } from '../repositories/users';
import { startSession } from './auth';
import { refuseCode, refuseIfLocked } from './identity';

/** Claim codes live 7 days: long enough to reach a new colleague, short enough not to linger. */
export const CLAIM_TTL_SECONDS = 7 * 24 * 60 * 60;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function view(a: StaffAccount): StaffView {
  const u = a.user;
  const base = { id: u.id, name: u.name, role: u.role, disabled: a.disabled, claimed: a.claimed };
  return u.role === 'reviewer'
    ? {
        ...base,
        department: u.department,
        departmentName: DEPARTMENT_LABELS[u.department],
        reviewLevel: u.level,
      }
    : base;
}

const notFound = () =>
  new DomainError('NOT_FOUND', '工作人员账号不存在', { reason: 'STAFF_NOT_FOUND' });

/** POST /v1/admin/staff — the claim code is answered once and stored only as a hash. */
export async function createStaff(
  actor: AdminActor,
  body: CreateStaffBody,
  now: Date,
): Promise<CreateStaffResult> {
  const { name, ...role } = body;
  const user = withRole({ id: newId('user'), name, role: 'admin' }, storedRole(role));
  const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS;
  await saveNew(
    user,
    {
      type: 'StaffCreated',
      at: now.toISOString(),
      by: actor,
      userId: user.id,
      version: 1,
      role: roleOf(user),
    },
    { code, expiresAt },
  );
  return {
    staff: view({ user, disabled: false, claimed: false, version: 1 }),
    claimCode: code,
    claimExpiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}

/** GET /v1/admin/staff — accounts created here (seeded demo staff are not listed). */
export async function staffList(): Promise<StaffList> {
  const items = await listStaff();
  return {
    items: items
      .map(view)
      .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'zh')),
  };
}

/** PATCH /v1/admin/staff/{userId} — disable, enable, or change role/level; the member's sessions end at once. */
export async function changeStaff(
  actor: AdminActor,
  path: StaffPath,
  body: ChangeStaffBody,
  now: Date,
): Promise<StaffView> {
  const account = await findStaff(path.userId);
  if (!account) throw notFound();
  const cmd = body.action === 'change' ? { action: 'change' as const, ...storedRole(body) } : body;
  const { next, events } = change(account, cmd, actor, now);
  await saveStaffChange(next, account.version, events);
  return view(next);
}

/** POST /v1/bind/staff — a new WeChat user (binding ticket) claims the account its code names. */
export async function claimStaff(body: ClaimStaffBody, now: Date): Promise<LoginResult> {
  const openId = await verifyBindingTicket(body.ticket);
  if (await findUserByOpenId(openId))
    throw new DomainError('DUPLICATE', '该微信账号已绑定，请直接登录', { reason: 'ALREADY_BOUND' });
  await refuseIfLocked(openId, now);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const claim = await findClaim(body.code);
  if (!claim || claim.used || claim.expiresAt <= nowSeconds)
    return refuseCode(openId, now, claimInvalid());
  const account = await findStaff(claim.userId);
  if (!account || account.claimed) throw claimInvalid();
  if (account.disabled)
    throw new DomainError('FORBIDDEN', '该工作人员账号已停用，请联系管理员', {
      reason: 'USER_DISABLED',
    });
  const version = account.version + 1;
  await saveClaim({
    code: body.code,
    openId,
    account,
    nowSeconds,
    event: { type: 'StaffClaimed', at: now.toISOString(), userId: account.user.id, version },
  });
  return startSession(account.user);
}
