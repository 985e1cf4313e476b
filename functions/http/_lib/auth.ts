/** Who may call a route. Ownership (own subject / own department) is checked in the domain. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Actor } from '../../../shared/actor';
import { DomainError, forbidden } from '../../../shared/errors';
import { verifySession } from '../../_lib/session';

export type Role = 'applicant' | 'reviewer' | 'admin';
/** 'public': no token needed (a valid one is still read); 'any': any signed-in user. */
export type Access = 'public' | 'any' | Role | readonly Role[];

const unauthenticated = () => new DomainError('UNAUTHENTICATED', '请先登录');

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

function allowed(actor: Actor, access: Access): boolean {
  if (access === 'public' || access === 'any') return true;
  const roles: readonly Role[] = typeof access === 'string' ? [access] : access;
  return roles.some((r) => r === actor.kind);
}

export async function authenticate(event: APIGatewayProxyEventV2, access: Access): Promise<Actor | undefined> {
  const token = bearer(event);
  const actor = token ? await verifySession(token) : undefined;
  if (access === 'public') return actor;
  if (!actor) throw unauthenticated();
  if (!allowed(actor, access)) throw forbidden('当前身份无权访问此功能');
  return actor;
}
