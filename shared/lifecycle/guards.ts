/**
 * Role guards (DESIGN §2): who may perform a transition. Each throws
 * FORBIDDEN with a stable reason in `details` so the client and the tests
 * can tell the refusals apart.
 */
import type {
  Actor,
  AdminActor,
  ApplicantActor,
  AuditorActor,
  DepartmentCode,
  ReviewLevel,
  ReviewerActor,
  SystemActor,
} from '../actor';
import { forbidden } from '../errors';
import type { SubjectId } from '../ids';

/** An applicant acting for this very subject (a user bound to another subject is refused). */
export function requireOwner(actor: Actor, subjectId: SubjectId): asserts actor is ApplicantActor {
  if (actor.kind !== 'applicant')
    throw forbidden('只有申请人本人可以执行此操作', { reason: 'NOT_APPLICANT' });
  if (actor.subjectId !== subjectId)
    throw forbidden('不能操作其他主体的事项', { reason: 'NOT_YOUR_SUBJECT' });
}

export function requireApplicant(actor: Actor): asserts actor is ApplicantActor {
  if (actor.kind !== 'applicant')
    throw forbidden('只有申请人可以执行此操作', { reason: 'NOT_APPLICANT' });
}

/** A reviewer of the item's department, at exactly the level the item waits for. */
export function requireReviewer(
  actor: Actor,
  department: DepartmentCode,
  level?: ReviewLevel,
): asserts actor is ReviewerActor {
  if (actor.kind !== 'reviewer')
    throw forbidden('只有审核人员可以执行此操作', { reason: 'NOT_REVIEWER' });
  if (actor.department !== department)
    throw forbidden('不属于本部门的审核事项', { reason: 'NOT_YOUR_QUEUE' });
  if (level !== undefined && actor.level !== level) {
    throw forbidden(`此环节需要${level}级审核`, { reason: 'WRONG_LEVEL', required: level });
  }
}

export function requireSystem(actor: Actor): asserts actor is SystemActor {
  if (actor.kind !== 'system')
    throw forbidden('此操作只由系统定时任务执行', { reason: 'NOT_SYSTEM' });
}

export function requireAdmin(actor: Actor): asserts actor is AdminActor {
  if (actor.kind !== 'admin')
    throw forbidden('只有平台管理员可以执行此操作', { reason: 'NOT_ADMIN' });
}

/** An admin or an auditor (审计): who may open a 追回 on a paid item (an audit finding). */
export function requireAdminOrAuditor(actor: Actor): asserts actor is AdminActor | AuditorActor {
  if (actor.kind !== 'admin' && actor.kind !== 'auditor') {
    throw forbidden('只有平台管理员或审计人员可以执行此操作', { reason: 'NOT_ADMIN_OR_AUDITOR' });
  }
}

/** Payment steps: the schedule, or an operator retrying by hand. */
export function requireSystemOrAdmin(actor: Actor): asserts actor is SystemActor | AdminActor {
  if (actor.kind !== 'system' && actor.kind !== 'admin') {
    throw forbidden('此操作只由系统或管理员执行', { reason: 'NOT_SYSTEM_OR_ADMIN' });
  }
}
