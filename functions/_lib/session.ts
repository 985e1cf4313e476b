/**
 * Our own session token (HS256 JWT via jose). WeChat's session_key never leaves the server:
 * after code2Session we only keep the openid binding and sign this token.
 */
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Actor } from '../../shared/actor';

const ISSUER = 'zhida';
const TTL_SECONDS = 2 * 60 * 60;

const Claims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applicant'), sub: z.string(), subjectId: z.string() }),
  z.object({ kind: z.literal('reviewer'), sub: z.string(), department: z.string(), level: z.union([z.literal(1), z.literal(2)]) }),
  z.object({ kind: z.literal('admin'), sub: z.string() }),
]);

function secret(): Uint8Array {
  const value = process.env.SESSION_SECRET;
  if (!value || value.length < 32) throw new Error('SESSION_SECRET must be set (≥ 32 chars)');
  return new TextEncoder().encode(value);
}

type PersonActor = Exclude<Actor, { kind: 'system' }>;

export async function signSession(actor: PersonActor, now: Date): Promise<{ token: string; expiresAt: string }> {
  const { userId, ...rest } = actor;
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TTL_SECONDS)
    .sign(secret());
  return { token, expiresAt: new Date((iat + TTL_SECONDS) * 1000).toISOString() };
}

/** Returns the actor, or undefined for any bad, expired or foreign token. */
export async function verifySession(token: string): Promise<PersonActor | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret(), { issuer: ISSUER, algorithms: ['HS256'] });
    const claims = Claims.safeParse(payload);
    if (!claims.success) return undefined;
    const { sub, ...rest } = claims.data;
    return { ...rest, userId: sub } as PersonActor;
  } catch {
    return undefined;
  }
}
