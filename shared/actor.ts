/**
 * Who performs a transition (DESIGN §2). Every guarded function in
 * shared/lifecycle takes one; the HTTP layer builds it from the session token,
 * schedules build `{ kind: 'system', job }`.
 */
import type { SubjectId, UserId } from './ids';
import { assertNever } from './lifecycle/common';
import type { DepartmentCode } from './vocabulary/department';

/**
 * Departments that review or act on items, one vocabulary with its labels
 * (shared/vocabulary/department.ts): the bureaus of DESIGN §2 plus `guarantee` and `bank`.
 */
export { DEPARTMENTS, DEPARTMENT_LABELS, type DepartmentCode } from './vocabulary/department';

export type ReviewLevel = 1 | 2;

/** Scheduled jobs of DESIGN §7; the name lands in every audit event they cause. */
export const SYSTEM_JOBS = [
  'auto-grant',
  'close-publicity',
  'disburse',
  'reconcile',
  'loan-interest',
  'supplement-expiry',
  'sla-watch',
  'bank-feed',
  'bootstrap', // writes the seed policies as their first published versions
  // records an objection from the public 公示 page on behalf of an objector with no account (issue 14)
  'public-objection',
] as const;
export type SystemJob = (typeof SYSTEM_JOBS)[number];

export type ApplicantActor = { kind: 'applicant'; userId: UserId; subjectId: SubjectId };
export type ReviewerActor = {
  kind: 'reviewer';
  userId: UserId;
  department: DepartmentCode;
  level: ReviewLevel;
};
export type AdminActor = { kind: 'admin'; userId: UserId };
/** 审计: read-only across departments; reaches only the routes that name it (none of the older ones). */
export type AuditorActor = { kind: 'auditor'; userId: UserId };
export type SystemActor = { kind: 'system'; job: SystemJob };

export type Actor = ApplicantActor | ReviewerActor | AdminActor | AuditorActor | SystemActor;
export type ActorKind = Actor['kind'];

/** The part of an actor written into audit events: ids and codes only, no names or ID numbers (STYLE §11). */
export function actorRef(actor: Actor): Actor {
  switch (actor.kind) {
    case 'applicant':
      return { kind: 'applicant', userId: actor.userId, subjectId: actor.subjectId };
    case 'reviewer':
      return {
        kind: 'reviewer',
        userId: actor.userId,
        department: actor.department,
        level: actor.level,
      };
    case 'admin':
      return { kind: 'admin', userId: actor.userId };
    case 'auditor':
      return { kind: 'auditor', userId: actor.userId };
    case 'system':
      return { kind: 'system', job: actor.job };
    default:
      return assertNever(actor);
  }
}
