/**
 * Our own session tokens. WeChat's session_key never leaves the server: after code2Session
 * we only keep the openid binding and sign these.
 *
 * - The access token is a short-lived HS256 JWT (15 minutes) carrying the actor and the
 *   user's session version (`sv`). Every authenticated request compares `sv` with the
 *   version on the user's record (functions/http/_lib/auth.ts): disabling the user,
 *   changing their role, removing an operator or logging out bumps it, and every token
 *   signed before is refused at once (401 SESSION_REVOKED).
 * - The refresh token is opaque (`<familyId>.<secret>`), stored only as a hash, rotated on
 *   every use; presenting an already-rotated one is treated as theft (functions/services/auth.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Actor } from '../../shared/actor';
import { DomainError } from '../../shared/errors';

const ISSUER = 'zhida';
export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;

const Version = { sv: z.number().int().nonnegative().default(0) };
const Claims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applicant'), sub: z.string(), subjectId: z.string(), ...Version }),
  z.object({
    kind: z.literal('reviewer'),
    sub: z.string(),
    department: z.string(),
    level: z.union([z.literal(1), z.literal(2)]),
    ...Version,
  }),
  z.object({ kind: z.literal('admin'), sub: z.string(), ...Version }),
  z.object({ kind: z.literal('auditor'), sub: z.string(), ...Version }),
]);

function secret(): Uint8Array {
  const value = process.env.SESSION_SECRET;
  if (!value || value.length < 32) throw new Error('SESSION_SECRET must be set (≥ 32 chars)');
  return new TextEncoder().encode(value);
}

type PersonActor = Exclude<Actor, { kind: 'system' }>;

/** An access token for `actor` at session version `sessionVersion` (0 for a user never revoked). */
export async function signSession(
  actor: PersonActor,
  now: Date,
  sessionVersion = 0,
): Promise<{ token: string; expiresAt: string }> {
  const { userId, ...rest } = actor;
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ ...rest, sv: sessionVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TTL_SECONDS)
    .sign(secret());
  return { token, expiresAt: new Date((iat + ACCESS_TTL_SECONDS) * 1000).toISOString() };
}

export type Verified =
  | { ok: true; actor: PersonActor; sessionVersion: number }
  /** `expired`: a good token past its time (the client refreshes); `invalid`: anything else. */
  | { ok: false; reason: 'expired' | 'invalid' };

export async function verifyToken(token: string): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, secret(), { issuer: ISSUER, algorithms: ['HS256'] });
    const claims = Claims.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    const { sub, sv, ...rest } = claims.data;
    return { ok: true, actor: { ...rest, userId: sub } as PersonActor, sessionVersion: sv };
  } catch (e) {
    return { ok: false, reason: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/** Returns the actor, or undefined for any bad, expired or foreign token (no revocation check). */
export async function verifySession(token: string): Promise<PersonActor | undefined> {
  const v = await verifyToken(token);
  return v.ok ? v.actor : undefined;
}

/** A new refresh secret and the hash that is stored (the secret itself never is). */
export function newRefreshSecret(): { secret: string; hash: string } {
  const value = randomBytes(32).toString('base64url');
  return { secret: value, hash: hashRefreshSecret(value) };
}

export const hashRefreshSecret = (value: string) =>
  createHash('sha256').update(`zhida-refresh:${value}`).digest('hex');

/**
 * 401 with a stable `details.reason`: NO_TOKEN, TOKEN_INVALID, TOKEN_EXPIRED (the client
 * refreshes: POST /v1/auth/refresh), SESSION_REVOKED (logged out, role changed, removed:
 * log in again), USER_DISABLED.
 */
export type UnauthenticatedReason =
  'NO_TOKEN' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'SESSION_REVOKED' | 'USER_DISABLED';
const MESSAGES: Record<UnauthenticatedReason, string> = {
  NO_TOKEN: '请先登录',
  TOKEN_INVALID: '登录凭证无效，请重新登录',
  TOKEN_EXPIRED: '登录已过期，请刷新登录状态',
  SESSION_REVOKED: '登录已失效（已退出、身份已变更或已被移除），请重新登录',
  USER_DISABLED: '该账号已停用，请联系管理员',
};
export const unauthenticated = (reason: UnauthenticatedReason) =>
  new DomainError('UNAUTHENTICATED', MESSAGES[reason], { reason });

// ---- binding tickets ---------------------------------------------------------

/**
 * A WeChat user with no binding gets a binding ticket instead of a session (login answers
 * 403 NOT_BOUND with details.bindingTicket): it names the openid and nothing else, lives
 * 30 minutes, and is accepted only by the binding routes (POST /v1/bind/...). It can never
 * pass as an access token: it has no `kind`, and its audience differs.
 */
export const BINDING_TICKET_TTL_SECONDS = 30 * 60;
const BINDING_AUDIENCE = 'zhida-bind';

export async function signBindingTicket(
  openId: string,
  now: Date,
): Promise<{ ticket: string; expiresAt: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const ticket = await new SignJWT({ oid: openId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(BINDING_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + BINDING_TICKET_TTL_SECONDS)
    .sign(secret());
  return { ticket, expiresAt: new Date((iat + BINDING_TICKET_TTL_SECONDS) * 1000).toISOString() };
}

/** The openid a binding ticket names; 401 BINDING_TICKET_INVALID for a bad, expired or foreign one. */
export async function verifyBindingTicket(ticket: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(ticket, secret(), {
      issuer: ISSUER,
      audience: BINDING_AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.oid === 'string' && payload.oid) return payload.oid;
  } catch {
    // fall through
  }
  throw new DomainError('UNAUTHENTICATED', '绑定凭证无效或已过期，请重新进入小程序', {
    reason: 'BINDING_TICKET_INVALID',
  });
}
