/**
 * A person who signs in: a WeChat user bound to a subject (applicant), a department's
 * reviewer at level 1 or 2, a platform admin, or an auditor (审计, read-only). The session's Actor is derived from it.
 */
import { z } from 'zod';
import { DEPARTMENTS, type Actor } from './actor';
import { idSchema } from './ids';
import { SubjectId } from './subject';

export const UserId = idSchema('user');

const Base = { id: UserId, name: z.string().trim().min(1).max(50) };

export const User = z.discriminatedUnion('role', [
  z.object({
    ...Base,
    role: z.literal('applicant'),
    subjectId: SubjectId,
    /** the phone given at binding (11 digits), shown masked */
    phone: z
      .string()
      .regex(/^1\d{10}$/)
      .optional(),
    /**
     * For an enterprise: `manager` (the legal representative, who invites and removes
     * operators) or `operator` (经办人). Absent: the subject's holder with every right
     * (a resident, or an account created before issue 12).
     */
    memberRole: z.enum(['manager', 'operator']).optional(),
  }),
  z.object({
    ...Base,
    role: z.literal('reviewer'),
    department: z.enum(DEPARTMENTS),
    level: z.union([z.literal(1), z.literal(2)]),
  }),
  z.object({ ...Base, role: z.literal('admin') }),
  /** 审计 (issue 12): read-only across departments */
  z.object({ ...Base, role: z.literal('auditor') }),
]);
export type User = z.infer<typeof User>;

export function actorOf(user: User): Exclude<Actor, { kind: 'system' }> {
  switch (user.role) {
    case 'applicant':
      return { kind: 'applicant', userId: user.id, subjectId: user.subjectId };
    case 'reviewer':
      return { kind: 'reviewer', userId: user.id, department: user.department, level: user.level };
    case 'admin':
      return { kind: 'admin', userId: user.id };
    case 'auditor':
      return { kind: 'auditor', userId: user.id };
  }
}
