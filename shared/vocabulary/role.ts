/** Who signs in (DESIGN §2), with the words the mini-app shows for each role. */
import { z } from 'zod';

export const ROLES = ['applicant', 'reviewer', 'admin', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  applicant: '企业 / 群众',
  reviewer: '审核人员',
  admin: '平台管理员',
  auditor: '审计人员',
};

/** Who took a step, as a timeline names it (shared/actor.ts `ActorKind`). */
export const ACTOR_KINDS = ['applicant', 'reviewer', 'admin', 'auditor', 'system'] as const;
export const ActorKind = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof ActorKind>;
export const ACTOR_KIND_LABELS: Readonly<Record<ActorKind, string>> = {
  applicant: '申请人',
  reviewer: '审核部门',
  admin: '平台',
  auditor: '审计',
  system: '系统',
};
