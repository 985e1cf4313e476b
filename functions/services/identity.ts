/**
 * Who is who (issue 12): a WeChat user binds itself to a subject. Load → check → one
 * transaction (functions/repositories/identity.ts) → a session, so the person is signed in.
 */
import { addDays, instantOf, localDateOf } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { LoginResult } from '../../shared/schemas/auth';
import { MAX_FAILED_VERIFICATIONS_PER_DAY, type BindResidentBody } from '../../shared/schemas/identity';
import type { PersonSubject } from '../../shared/subject';
import type { User } from '../../shared/user';
import { newId } from '../_lib/new-id';
import { verifyBindingTicket } from '../_lib/session';
import { realNameCheck } from '../adapters/real-name';
import { failedVerifications, findHolder, recordFailedVerification, saveResidentBinding } from '../repositories/identity';
import { findSubject, subjectIdOf } from '../repositories/subjects';
import { findUserByOpenId } from '../repositories/users';
import { startSession } from './auth';

const alreadyBound = () => new DomainError('DUPLICATE', '该微信账号已绑定，请直接登录', { reason: 'ALREADY_BOUND' });
const idBound = () =>
  new DomainError('DUPLICATE', '该身份证号已被其他微信账号绑定；如非本人操作，请联系窗口工作人员', { reason: 'ID_ALREADY_BOUND' });

const locked = () =>
  new DomainError('RATE_LIMITED', `今日身份核验失败已达 ${MAX_FAILED_VERIFICATIONS_PER_DAY} 次，为保护您的信息安全，请明天再试或到窗口办理`, {
    reason: 'BIND_ATTEMPTS_EXCEEDED',
    limit: MAX_FAILED_VERIFICATIONS_PER_DAY,
  });

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
  if ((await failedVerifications(openId, attemptDay(now).day)) >= MAX_FAILED_VERIFICATIONS_PER_DAY) throw locked();
}

async function countFailure(openId: string, now: Date, message: string, reason: string): Promise<never> {
  const { day, expiresAt } = attemptDay(now);
  const count = await recordFailedVerification(openId, day, expiresAt);
  const remaining = Math.max(0, MAX_FAILED_VERIFICATIONS_PER_DAY - count);
  if (remaining === 0) throw locked();
  throw new DomainError('VERIFICATION_FAILED', `${message}（今日还可尝试 ${remaining} 次）`, { reason, remainingAttempts: remaining });
}

/** POST /v1/bind/resident: name + 居民身份证号 + phone, confirmed by the real-name check. */
export async function bindResident(body: BindResidentBody, now: Date): Promise<LoginResult> {
  const openId = await verifyBindingTicket(body.ticket);
  if (await findUserByOpenId(openId)) throw alreadyBound();
  await refuseIfLocked(openId, now);
  const verdict = await realNameCheck().verify({ name: body.name, idNumber: body.idNumber, phone: body.phone });
  if (verdict === 'mismatch') await countFailure(openId, now, '姓名与身份证号不匹配，请核对后重试', 'REAL_NAME_MISMATCH');

  const subjectId = subjectIdOf(body.idNumber);
  if (await findHolder(subjectId)) throw idBound();
  const existing = await findSubject(subjectId);
  if (existing && existing.kind !== 'person') throw idBound(); // cannot happen: ids of codes of another kind differ
  const newSubject: PersonSubject | undefined = existing ? undefined : { id: subjectId, kind: 'person', name: body.name, idNumber: body.idNumber };
  const user: Extract<User, { role: 'applicant' }> = { id: newId('user'), name: body.name, role: 'applicant', subjectId, phone: body.phone };
  await saveResidentBinding({
    user,
    openId,
    ...(newSubject ? { newSubject } : {}),
    event: { type: 'ResidentBound', at: now.toISOString(), userId: user.id, subjectId },
  });
  return startSession(user);
}
