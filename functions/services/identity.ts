/**
 * Who is who (issue 12): a WeChat user binds itself to a subject. Load → check → one
 * transaction (functions/repositories/identity.ts) → a session, so the person is signed in.
 */
import { addDays, instantOf, localDateOf } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { LoginResult } from '../../shared/schemas/auth';
import {
  MAX_FAILED_VERIFICATIONS_PER_DAY,
  type BindEnterpriseBody,
  type BindOperatorBody,
  type BindResidentBody,
  type InviteResult,
  type MembersResponse,
  type OperatorPath,
} from '../../shared/schemas/identity';
import type { EnterpriseSubject, PersonSubject } from '../../shared/subject';
import type { ApplicantActor } from '../../shared/actor';
import { maskPhone } from '../../shared/mask';
import type { User } from '../../shared/user';
import { newId } from '../_lib/new-id';
import { verifyBindingTicket } from '../_lib/session';
import { realNameCheck } from '../adapters/real-name';
import { enterpriseCheck } from '../adapters/enterprise-registry';
import { randomInt } from 'node:crypto';
import {
  failedVerifications,
  findHolder,
  findInvite,
  findMember,
  inviteInvalid,
  listMembers,
  putInvite,
  recordFailedVerification,
  saveBinding,
  saveOperatorRemoval,
} from '../repositories/identity';
import { findSubject, subjectIdOf } from '../repositories/subjects';
import { findUser, findUserByOpenId } from '../repositories/users';
import { startSession } from './auth';

const alreadyBound = () =>
  new DomainError('DUPLICATE', '该微信账号已绑定，请直接登录', { reason: 'ALREADY_BOUND' });
const idBound = () =>
  new DomainError('DUPLICATE', '该身份证号已被其他微信账号绑定；如非本人操作，请联系窗口工作人员', {
    reason: 'ID_ALREADY_BOUND',
  });

const locked = () =>
  new DomainError(
    'RATE_LIMITED',
    `今日身份核验失败已达 ${MAX_FAILED_VERIFICATIONS_PER_DAY} 次，为保护您的信息安全，请明天再试或到窗口办理`,
    {
      reason: 'BIND_ATTEMPTS_EXCEEDED',
      limit: MAX_FAILED_VERIFICATIONS_PER_DAY,
    },
  );

/** The Asia/Shanghai day of `now` and the epoch second its failure counter may be forgotten (two days on). */
function attemptDay(now: Date): { day: string; expiresAt: number } {
  const day = localDateOf(instantOf(now));
  return { day, expiresAt: Math.floor(Date.parse(`${addDays(day, 2)}T00:00:00+08:00`) / 1000) };
}

/**
 * A failed check counts against today's 5; at the 5th the lock message is answered at once.
 * The check is asked before the ID number's binding is looked at, so only someone who knows
 * the name that goes with an ID number learns whether it is already bound.
 */
async function refuseIfLocked(openId: string, now: Date): Promise<void> {
  if ((await failedVerifications(openId, attemptDay(now).day)) >= MAX_FAILED_VERIFICATIONS_PER_DAY)
    throw locked();
}

async function countFailure(
  openId: string,
  now: Date,
  message: string,
  reason: string,
): Promise<never> {
  const { day, expiresAt } = attemptDay(now);
  const count = await recordFailedVerification(openId, day, expiresAt);
  const remaining = Math.max(0, MAX_FAILED_VERIFICATIONS_PER_DAY - count);
  if (remaining === 0) throw locked();
  throw new DomainError('VERIFICATION_FAILED', `${message}（今日还可尝试 ${remaining} 次）`, {
    reason,
    remainingAttempts: remaining,
  });
}

/**
 * A wrong invite or claim code counts like a failed verification (codes cannot be guessed at
 * leisure): `refusal` is answered, or the lock once today's attempts are spent.
 */
export async function refuseCode(openId: string, now: Date, refusal: DomainError): Promise<never> {
  const { day, expiresAt } = attemptDay(now);
  const count = await recordFailedVerification(openId, day, expiresAt);
  if (count >= MAX_FAILED_VERIFICATIONS_PER_DAY) throw locked();
  throw refusal;
}

/** Answers 429 when the WeChat user has spent today's attempts. */
export { refuseIfLocked };

/** POST /v1/bind/resident: name + 居民身份证号 + phone, confirmed by the real-name check. */
export async function bindResident(body: BindResidentBody, now: Date): Promise<LoginResult> {
  const openId = await verifyBindingTicket(body.ticket);
  if (await findUserByOpenId(openId)) throw alreadyBound();
  await refuseIfLocked(openId, now);
  const verdict = await realNameCheck().verify({
    name: body.name,
    idNumber: body.idNumber,
    phone: body.phone,
  });
  if (verdict === 'mismatch')
    await countFailure(openId, now, '姓名与身份证号不匹配，请核对后重试', 'REAL_NAME_MISMATCH');

  const subjectId = subjectIdOf(body.idNumber);
  if (await findHolder(subjectId)) throw idBound();
  const existing = await findSubject(subjectId);
  if (existing && existing.kind !== 'person') throw idBound(); // cannot happen: ids of codes of another kind differ
  const newSubject: PersonSubject | undefined = existing
    ? undefined
    : { id: subjectId, kind: 'person', name: body.name, idNumber: body.idNumber };
  const user: Extract<User, { role: 'applicant' }> = {
    id: newId('user'),
    name: body.name,
    role: 'applicant',
    subjectId,
    phone: body.phone,
  };
  await saveBinding({
    user,
    openId,
    holds: true,
    ...(newSubject ? { newSubject } : {}),
    event: { type: 'ResidentBound', at: now.toISOString(), userId: user.id, subjectId },
  });
  return startSession(user);
}

const enterpriseBound = () =>
  new DomainError('DUPLICATE', '该企业已由法定代表人完成绑定；如需加入，请向企业负责人索取邀请码', {
    reason: 'ENTERPRISE_ALREADY_BOUND',
  });

/**
 * POST /v1/bind/enterprise: the legal representative (name + 居民身份证号) of the enterprise
 * (统一社会信用代码), confirmed by the enterprise check, becomes its manager.
 */
export async function bindEnterprise(body: BindEnterpriseBody, now: Date): Promise<LoginResult> {
  const openId = await verifyBindingTicket(body.ticket);
  if (await findUserByOpenId(openId)) throw alreadyBound();
  await refuseIfLocked(openId, now);
  const verdict = await enterpriseCheck().verify({
    uscc: body.uscc,
    legalRepName: body.legalRepName,
    legalRepIdNumber: body.legalRepIdNumber,
  });
  if (verdict.result === 'mismatch') {
    return countFailure(
      openId,
      now,
      '统一社会信用代码与法定代表人信息不匹配，请核对后重试',
      'ENTERPRISE_MISMATCH',
    );
  }
  const subjectId = subjectIdOf(body.uscc);
  if (await findHolder(subjectId)) throw enterpriseBound();
  const existing = await findSubject(subjectId);
  if (existing && existing.kind !== 'enterprise') throw enterpriseBound(); // cannot happen: ids of codes of another kind differ
  const newSubject: EnterpriseSubject | undefined = existing
    ? undefined
    : { id: subjectId, kind: 'enterprise', name: verdict.enterpriseName, uscc: body.uscc };
  const user: Extract<User, { role: 'applicant' }> = {
    id: newId('user'),
    name: body.legalRepName,
    role: 'applicant',
    subjectId,
    phone: body.phone,
    memberRole: 'manager',
  };
  await saveBinding({
    user,
    openId,
    holds: true,
    ...(newSubject ? { newSubject } : {}),
    member: {
      userId: user.id,
      name: user.name,
      memberRole: 'manager',
      phone: body.phone,
      openId,
      since: now.toISOString(),
    },
    event: { type: 'EnterpriseBound', at: now.toISOString(), userId: user.id, subjectId },
  });
  return startSession(user);
}

/** Invite codes live 72 hours and are spent by one redemption. */
export const INVITE_TTL_SECONDS = 72 * 60 * 60;
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const notManager = () =>
  new DomainError('FORBIDDEN', '只有企业负责人（法定代表人）可以管理经办人', {
    reason: 'NOT_ENTERPRISE_MANAGER',
  });

/** The caller as the manager of an enterprise: loaded, never trusted from the token alone. */
async function managerOf(actor: ApplicantActor): Promise<Extract<User, { role: 'applicant' }>> {
  const user = await findUser(actor.userId);
  if (!user || user.role !== 'applicant' || user.subjectId !== actor.subjectId) throw notManager();
  const subject = await findSubject(user.subjectId);
  // absent memberRole: an enterprise account from before issue 12 (the demo's), which holds every right
  if (subject?.kind !== 'enterprise' || user.memberRole === 'operator') throw notManager();
  return user;
}

/** POST /v1/enterprise/invites — the code is shown once; only its hash is stored. Time is real time (the code's TTL). */
export async function createInvite(actor: ApplicantActor): Promise<InviteResult> {
  const manager = await managerOf(actor);
  const code = Array.from(
    { length: 8 },
    () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)],
  ).join('');
  const expiresAt = Math.floor(Date.now() / 1000) + INVITE_TTL_SECONDS;
  await putInvite(code, { subjectId: manager.subjectId, createdBy: manager.id, expiresAt });
  return { code, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/** POST /v1/bind/operator — redeems an invite: the WeChat user becomes an operator (经办人) of the enterprise. */
export async function bindOperator(body: BindOperatorBody, now: Date): Promise<LoginResult> {
  const openId = await verifyBindingTicket(body.ticket);
  if (await findUserByOpenId(openId)) throw alreadyBound();
  await refuseIfLocked(openId, now);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const invite = await findInvite(body.code);
  if (!invite || invite.usedBy || invite.expiresAt <= nowSeconds)
    return refuseCode(openId, now, inviteInvalid());
  const user: Extract<User, { role: 'applicant' }> = {
    id: newId('user'),
    name: body.name,
    role: 'applicant',
    subjectId: invite.subjectId,
    phone: body.phone,
    memberRole: 'operator',
  };
  await saveBinding({
    user,
    openId,
    holds: false,
    member: {
      userId: user.id,
      name: user.name,
      memberRole: 'operator',
      phone: body.phone,
      openId,
      since: now.toISOString(),
    },
    invite: { code: body.code, nowSeconds },
    event: {
      type: 'OperatorJoined',
      at: now.toISOString(),
      userId: user.id,
      subjectId: invite.subjectId,
      invitedBy: invite.createdBy,
    },
  });
  return startSession(user);
}

/** GET /v1/enterprise/members — the manager sees who acts for the enterprise (phones masked). */
export async function members(actor: ApplicantActor): Promise<MembersResponse> {
  const manager = await managerOf(actor);
  const items = await listMembers(manager.subjectId);
  return {
    items: items
      .sort((a, b) =>
        a.memberRole === b.memberRole
          ? a.since.localeCompare(b.since)
          : a.memberRole === 'manager'
            ? -1
            : 1,
      )
      .map((m) => ({
        userId: m.userId,
        name: m.name,
        memberRole: m.memberRole,
        since: m.since,
        ...(m.phone ? { phone: maskPhone(m.phone) } : {}),
      })),
  };
}

/** DELETE /v1/enterprise/operators/{userId} — takes effect at once: the operator's next request is 401. */
export async function removeOperator(
  actor: ApplicantActor,
  path: OperatorPath,
  now: Date,
): Promise<{ removed: true }> {
  const manager = await managerOf(actor);
  const member = await findMember(manager.subjectId, path.userId);
  if (!member || member.memberRole !== 'operator') {
    throw new DomainError('NOT_FOUND', '经办人不存在或已被移除', { reason: 'OPERATOR_NOT_FOUND' });
  }
  await saveOperatorRemoval(member, manager.subjectId, {
    type: 'OperatorRemoved',
    at: now.toISOString(),
    userId: member.userId,
    subjectId: manager.subjectId,
    removedBy: manager.id,
  });
  return { removed: true };
}
