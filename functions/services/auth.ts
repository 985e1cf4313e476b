/** Login (WeChat or the local dev login), the demo user list, and "who am I". */
import { DEPARTMENT_LABELS, type Actor } from '../../shared/actor';
import { DomainError, forbidden, notFound } from '../../shared/errors';
import type { UserId } from '../../shared/ids';
import type { DevUser, LoginBody, LoginResult, Me } from '../../shared/schemas/auth';
import { actorOf, type User } from '../../shared/user';
import { signSession } from '../_lib/session';
import { weChatLogin } from '../adapters/wechat';
import { maskPayee } from '../../shared/payee';
import { payeeOnFile } from '../repositories/grants';
import { findSubject } from '../repositories/subjects';
import { findUser, findUserByOpenId, listDevUsers } from '../repositories/users';
import { subjectView } from './views';

/** The dev login exists only where DEV_LOGIN=on (local stack, tests); never in production. */
export const devLoginEnabled = () => process.env.DEV_LOGIN === 'on';

async function meOf(user: User): Promise<Me> {
  const base = { id: user.id, name: user.name, role: user.role };
  switch (user.role) {
    case 'applicant': {
      const [subject, account] = await Promise.all([findSubject(user.subjectId), payeeOnFile(user.subjectId)]);
      return { ...base, ...(subject ? { subject: subjectView(subject) } : {}), ...(account ? { account: maskPayee(account) } : {}) };
    }
    case 'reviewer':
      return { ...base, department: user.department, departmentName: DEPARTMENT_LABELS[user.department], reviewLevel: user.level };
    case 'admin':
      return base;
  }
}

/**
 * Token expiry is checked by jose against the real clock, so tokens are signed on real
 * time even when the platform clock is shifted to a business date.
 */
export async function login(body: LoginBody): Promise<LoginResult> {
  let user: User | undefined;
  if ('devUserId' in body) {
    if (!devLoginEnabled()) throw forbidden('此环境未开启演示登录', { reason: 'DEV_LOGIN_OFF' });
    const devUsers = await listDevUsers();
    user = devUsers.find((u) => u.id === body.devUserId);
    if (!user) throw new DomainError('UNAUTHENTICATED', '演示用户不存在', { reason: 'UNKNOWN_DEV_USER' });
  } else {
    const identity = await weChatLogin().code2Session(body.wechatCode);
    user = await findUserByOpenId(identity.openId);
    if (!user) throw forbidden('该微信账号尚未绑定申请主体或工作人员身份', { reason: 'NOT_BOUND' });
  }
  const session = await signSession(actorOf(user), new Date());
  return { token: session.token, expiresAt: session.expiresAt, user: await meOf(user) };
}

export async function devUsers(): Promise<{ items: DevUser[] }> {
  if (!devLoginEnabled()) throw notFound('演示登录');
  const users = await listDevUsers();
  const items = await Promise.all(
    users.map(async (u): Promise<DevUser> => {
      const base = { id: u.id, name: u.name, role: u.role };
      if (u.role === 'applicant') {
        const subject = await findSubject(u.subjectId);
        return subject ? { ...base, subjectName: subject.name } : base;
      }
      if (u.role === 'reviewer') return { ...base, department: u.department, reviewLevel: u.level };
      return base;
    }),
  );
  return { items: items.sort((a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id)) };
}

/** A token whose user no longer exists is no longer a session. */
export async function me(actor: Exclude<Actor, { kind: 'system' }>): Promise<Me> {
  const user = await findUser(actor.userId as UserId);
  if (!user) throw new DomainError('UNAUTHENTICATED', '请先登录');
  return meOf(user);
}
