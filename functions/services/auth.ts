/** Login (WeChat or the local dev login), the demo user list, and "who am I". */
import { DEPARTMENT_LABELS, type Actor } from '../../shared/actor';
import { DomainError, forbidden, notFound } from '../../shared/errors';
import type { DevUser, LoginBody, LoginResult, Me, RefreshBody } from '../../shared/schemas/auth';
import { actorOf, type User } from '../../shared/user';
import { randomBytes } from 'node:crypto';
import {
  hashRefreshSecret,
  newRefreshSecret,
  REFRESH_TTL_SECONDS,
  signBindingTicket,
  signSession,
  unauthenticated,
} from '../_lib/session';
import { weChatLogin } from '../adapters/wechat';
import { maskPayee } from '../../shared/payee';
import { payeeOnFile } from '../repositories/grants';
import { findSubject } from '../repositories/subjects';
import { findRefreshFamily, putRefreshFamily, rotateRefreshFamily } from '../repositories/sessions';
import {
  bumpSessionVersion,
  findUser,
  findUserByOpenId,
  listDevUsers,
  sessionStateOf,
} from '../repositories/users';
import { subjectView } from './views';

/** The dev login exists only where DEV_LOGIN=on (local stack, tests); never in production. */
export const devLoginEnabled = () => process.env.DEV_LOGIN === 'on';

async function meOf(user: User): Promise<Me> {
  const base = { id: user.id, name: user.name, role: user.role };
  switch (user.role) {
    case 'applicant': {
      const [subject, account] = await Promise.all([
        findSubject(user.subjectId),
        payeeOnFile(user.subjectId),
      ]);
      return {
        ...base,
        ...(subject ? { subject: subjectView(subject) } : {}),
        ...(account ? { account: maskPayee(account) } : {}),
        ...(user.memberRole ? { memberRole: user.memberRole } : {}),
      };
    }
    case 'reviewer':
      return {
        ...base,
        department: user.department,
        departmentName: DEPARTMENT_LABELS[user.department],
        reviewLevel: user.level,
      };
    case 'admin':
    case 'auditor':
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
    if (!user)
      throw new DomainError('UNAUTHENTICATED', '演示用户不存在', { reason: 'UNKNOWN_DEV_USER' });
  } else {
    const identity = await weChatLogin().code2Session(body.wechatCode);
    user = await findUserByOpenId(identity.openId);
    if (!user) {
      // the way in for a new person: a ticket the binding routes accept (shared/schemas/identity.ts)
      const t = await signBindingTicket(identity.openId, new Date());
      throw forbidden('该微信账号尚未绑定申请主体或工作人员身份，请先完成身份绑定', {
        reason: 'NOT_BOUND',
        bindingTicket: t.ticket,
        bindingTicketExpiresAt: t.expiresAt,
      });
    }
  }
  return startSession(user);
}

/** A new session for a stored user: an access token and a new refresh-token family, both at the user's current version. */
export async function startSession(user: User): Promise<LoginResult> {
  const state = await sessionStateOf(user.id);
  if (state?.disabled) throw unauthenticated('USER_DISABLED');
  const version = state?.version ?? 0;
  const realNow = new Date();
  const familyId = randomBytes(16).toString('hex');
  const refresh = newRefreshSecret();
  const refreshExpires = Math.floor(realNow.getTime() / 1000) + REFRESH_TTL_SECONDS;
  await putRefreshFamily({
    familyId,
    userId: user.id,
    sessionVersion: version,
    secretHash: refresh.hash,
    expiresAt: refreshExpires,
  });
  const session = await signSession(actorOf(user), realNow, version);
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    refreshToken: `${familyId}.${refresh.secret}`,
    refreshExpiresAt: new Date(refreshExpires * 1000).toISOString(),
    user: await meOf(user),
  };
}

const refreshRefused = () =>
  new DomainError('UNAUTHENTICATED', '登录已失效，请重新登录', { reason: 'REFRESH_INVALID' });

/**
 * POST /v1/auth/refresh: a new access token and the next refresh token of the same family
 * (the old one is spent). Presenting a spent refresh token means two parties hold the family
 * (a stolen copy): every session of the user ends (the version is bumped), answered
 * 401 REFRESH_REUSED. A family issued before the last version bump is dead (logout, disable,
 * role change). The family keeps its original lifetime: a refresh does not extend it.
 */
export async function refresh(body: RefreshBody): Promise<LoginResult> {
  const [familyId, secret] = body.refreshToken.split('.') as [string, string];
  const family = await findRefreshFamily(familyId);
  if (!family || family.expiresAt * 1000 <= Date.now()) throw refreshRefused();
  const [user, state] = await Promise.all([findUser(family.userId), sessionStateOf(family.userId)]);
  if (!user || !state) throw refreshRefused();
  if (state.disabled) throw unauthenticated('USER_DISABLED');
  if (state.version !== family.sessionVersion) throw unauthenticated('SESSION_REVOKED');
  const presented = hashRefreshSecret(secret);
  const next = newRefreshSecret();
  if (
    presented !== family.secretHash ||
    !(await rotateRefreshFamily(familyId, presented, next.hash))
  ) {
    await bumpSessionVersion(family.userId);
    throw new DomainError(
      'UNAUTHENTICATED',
      '登录凭证已被使用过，为安全起见已退出所有设备，请重新登录',
      { reason: 'REFRESH_REUSED' },
    );
  }
  const session = await signSession(actorOf(user), new Date(), state.version);
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    refreshToken: `${familyId}.${next.secret}`,
    refreshExpiresAt: new Date(family.expiresAt * 1000).toISOString(),
    user: await meOf(user),
  };
}

/** POST /v1/auth/logout: ends every session of the user (all devices): access and refresh tokens alike. */
export async function logout(
  actor: Exclude<Actor, { kind: 'system' }>,
): Promise<{ loggedOut: true }> {
  const state = await sessionStateOf(actor.userId);
  if (state) await bumpSessionVersion(actor.userId);
  return { loggedOut: true };
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
  const user = await findUser(actor.userId);
  if (!user) throw new DomainError('UNAUTHENTICATED', '请先登录');
  return meOf(user);
}
