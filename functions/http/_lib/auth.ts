/** Who may call a route. Ownership (own subject / own department) is checked in the domain. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Actor } from '../../../shared/actor';
import { forbidden } from '../../../shared/errors';
import { unauthenticated, verifyToken } from '../../_lib/session';
import type { Access, Role } from '../../../shared/contracts/define';

export type { Access, Role } from '../../../shared/contracts/define';

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  // a hand-built event (local tools, tests) may come without headers
  const headers = event.headers as APIGatewayProxyEventV2['headers'] | undefined;
  const header = headers?.authorization ?? headers?.Authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** The wrapper types the actor from the contract's access (functions/http/_lib/http-handler.ts): this check is what makes that true. */
function allowed(actor: Actor, access: Access): boolean {
  if (actor.kind === 'system') return false;
  if (access === 'public' || access === 'any') return true;
  return access.some((r: Role) => r === actor.kind);
}

/**
 * The token's signature and expiry, then the user's record: a disabled user or a token of an
 * older session version is refused at once, and so is a token whose user has no stored record
 * (only our login and refresh sign tokens, always for a stored user, and users are never
 * deleted: such a token was signed with the secret but not by us, or for a table since reset).
 */
export async function authenticate(
  event: APIGatewayProxyEventV2,
  access: Access,
): Promise<Actor | undefined> {
  if (access === 'public') return undefined;
  const token = bearer(event);
  if (!token) throw unauthenticated('NO_TOKEN');
  const verified = await verifyToken(token);
  if (!verified.ok)
    throw unauthenticated(verified.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  // loaded on first use: a public route's bundle (health) never loads the AWS SDK
  const { sessionStateOf } = await import('../../repositories/users');
  const state = await sessionStateOf(verified.actor.userId);
  if (!state) throw unauthenticated('TOKEN_INVALID');
  if (state.disabled) throw unauthenticated('USER_DISABLED');
  if (state.version !== verified.sessionVersion) throw unauthenticated('SESSION_REVOKED');
  if (!allowed(verified.actor, access)) throw forbidden('当前身份无权访问此功能');
  return verified.actor;
}
