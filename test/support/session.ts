/**
 * Tokens for test fixtures. The API refuses a token whose user has no stored record
 * (functions/http/_lib/auth.ts), so a fixture's token comes with one: when no user is stored
 * under the actor's id, a user of the actor's role is stored first (an existing record, e.g. a
 * demo user's, is kept as it is). Same signature as functions/_lib/session.ts's signSession.
 */
import { signSession as sign } from '../../functions/_lib/session';
import { findUser, putUser } from '../../functions/repositories/users';
import type { Actor } from '../../shared/actor';
import type { User } from '../../shared/user';

type PersonActor = Exclude<Actor, { kind: 'system' }>;

function userOf(actor: PersonActor): User {
  const id = actor.userId;
  switch (actor.kind) {
    case 'applicant':
      return { id, name: '测试申请人', role: 'applicant', subjectId: actor.subjectId };
    case 'reviewer':
      return {
        id,
        name: '测试审核员',
        role: 'reviewer',
        department: actor.department,
        level: actor.level,
      };
    case 'admin':
      return { id, name: '测试管理员', role: 'admin' };
    case 'auditor':
      return { id, name: '测试审计员', role: 'auditor' };
  }
}

export async function signSession(
  actor: PersonActor,
  now: Date,
  sessionVersion = 0,
): Promise<{ token: string; expiresAt: string }> {
  if (!(await findUser(actor.userId))) await putUser(userOf(actor));
  return sign(actor, now, sessionVersion);
}
