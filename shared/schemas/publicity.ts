/**
 * Public 公示 (issue 14): the list anyone may read without logging in, objections from it with a
 * phone number, the objector's own outcome, and the department's objection queue.
 *
 *   GET  /v1/publicity                                         public → PublicityPage
 *   POST /v1/publicity/{kind}/{id}/objections                  public → 201 PublicObjectionReceipt
 *   GET  /v1/publicity/objections/{objectionId}?code=…         public → PublicObjectionOutcome
 *   GET  /v1/review/objections                                 reviewer → ObjectionQueuePage
 *   POST /v1/grants/{id}/objections/{objectionId}/resolve      reviewer → GrantObjectionRuled
 */
import { z } from 'zod';
import { idSchema } from '../ids';
import { Department } from '../vocabulary/department';
import { ObjectionStatus } from '../vocabulary';
import { AtInstant, Cursor, Limit, OnDate, PolicyKey } from './common';
import { Phone } from './identity';

export const PUBLICITY_KINDS = ['application', 'grant'] as const;
export const PublicityKind = z.enum(PUBLICITY_KINDS);
export type PublicityKind = z.infer<typeof PublicityKind>;

export const PublicityQuery = z
  .object({
    policyId: PolicyKey.optional(),
    department: Department.optional(),
    cursor: Cursor.optional(),
    limit: Limit.optional(),
  })
  .strict();
export type PublicityQuery = z.infer<typeof PublicityQuery>;

/** One entry of the public list: never an ID number, account or unmasked person's name. */
export const PublicityEntry = z.object({
  kind: PublicityKind,
  id: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  department: Department,
  departmentLabel: z.string(),
  /** 王*明 for a person; an enterprise's registered name in full (公示 practice). */
  name: z.string(),
  amountFen: z.number().int().nonnegative(),
  startsOn: OnDate,
  endsOn: OnDate,
  endsAt: AtInstant,
});
export type PublicityEntry = z.infer<typeof PublicityEntry>;

export const PublicityPage = z.object({
  items: z.array(PublicityEntry),
  nextCursor: z.string().optional(),
});
export type PublicityPage = z.infer<typeof PublicityPage>;

export const PublicObjectionPath = z.object({
  kind: PublicityKind,
  id: z.string().regex(/^(app|grt)_[0-9A-Za-z_.~-]{1,200}$/, '不是有效的公示编号'),
});
export type PublicObjectionPath = z.infer<typeof PublicObjectionPath>;

export const PublicObjectionBody = z
  .object({
    phone: Phone,
    text: z.string().trim().min(1, '异议内容不能为空').max(500, '异议内容不能超过500字'),
  })
  .strict();
export type PublicObjectionBody = z.infer<typeof PublicObjectionBody>;

/** What the objector keeps: the objection id and a code; together they show the outcome. */
export const PublicObjectionReceipt = z.object({
  objectionId: z.string(),
  code: z.string(),
  status: ObjectionStatus,
  statusLabel: z.string(),
  raisedAt: AtInstant,
});
export type PublicObjectionReceipt = z.infer<typeof PublicObjectionReceipt>;

export const PublicObjectionLookupPath = z.object({ objectionId: idSchema('objection') });
export const PublicObjectionLookupQuery = z
  .object({ code: z.string().regex(/^[A-Z2-9]{10}$/, '查询码无效') })
  .strict();

/** The objector's own objection and its ruling; nothing of the item. */
export const PublicObjectionOutcome = z.object({
  objectionId: z.string(),
  text: z.string(),
  raisedAt: AtInstant,
  status: ObjectionStatus,
  statusLabel: z.string(),
  ruling: z.object({ upheld: z.boolean(), note: z.string(), at: AtInstant }).optional(),
});
export type PublicObjectionOutcome = z.infer<typeof PublicObjectionOutcome>;

export const ObjectionQueueQuery = z
  .object({ cursor: Cursor.optional(), limit: Limit.optional() })
  .strict();

/** A department's open objection, for its reviewers: the contact only masked. */
export const QueuedObjectionView = z.object({
  objectionId: z.string(),
  kind: PublicityKind,
  itemId: z.string(),
  text: z.string(),
  raisedAt: AtInstant,
  channel: z.enum(['public', 'signed_in']),
  contactMasked: z.string().optional(),
});
export const ObjectionQueuePage = z.object({
  items: z.array(QueuedObjectionView),
  nextCursor: z.string().optional(),
});
export type ObjectionQueuePage = z.infer<typeof ObjectionQueuePage>;

export const GrantObjectionPath = z.object({
  id: z.string().regex(/^grt_[0-9A-Za-z_.~-]{1,200}$/, '不是有效的发放编号'),
  objectionId: idSchema('objection'),
});
export type GrantObjectionPath = z.infer<typeof GrantObjectionPath>;
