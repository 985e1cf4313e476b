/**
 * Narrowing after `access` has been enforced by the wrapper: a route declared
 * `access: 'reviewer'` only runs for reviewers, but the type system cannot see that.
 * A mismatch here is our bug (wrong access on a route), so it is refused, not trusted.
 */
import type { Actor, AdminActor, ApplicantActor, ReviewerActor } from '../../../shared/actor';
import { forbidden } from '../../../shared/errors';

export function asApplicant(actor: Actor | undefined): ApplicantActor {
  if (actor?.kind !== 'applicant') throw forbidden('当前身份无权访问此功能');
  return actor;
}

export function asReviewer(actor: Actor | undefined): ReviewerActor {
  if (actor?.kind !== 'reviewer') throw forbidden('当前身份无权访问此功能');
  return actor;
}

export function asPerson(actor: Actor | undefined): Exclude<Actor, { kind: 'system' }> {
  if (!actor || actor.kind === 'system') throw forbidden('当前身份无权访问此功能');
  return actor;
}

export function asAdmin(actor: Actor | undefined): AdminActor {
  if (actor?.kind !== 'admin') throw forbidden('当前身份无权访问此功能');
  return actor;
}
