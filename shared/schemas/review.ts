/** GET /v1/review/queue, POST /v1/applications/{id}/decision, POST /v1/review/batch-approve. */
import { z } from 'zod';
import { idSchema } from '../ids';
import {
  ApplicationId,
  ApplicationStatus,
  AtInstant,
  Cursor,
  Fen,
  Limit,
  OnDate,
  Page,
  PolicyKey,
} from './common';
import { SubjectView } from './auth';

export const ReviewableStatus = z.enum(['submitted', 'review_l1', 'review_l2']);

export const QueueQuery = z
  .object({
    status: ReviewableStatus.optional(),
    policyId: PolicyKey.optional(),
    cursor: Cursor.optional(),
    limit: Limit.optional(),
  })
  .strict();
export type QueueQuery = z.input<typeof QueueQuery>;

/** SLA in working days (法定节假日 aware); `calendarKnown: false` when the year is not published. */
export const SlaView = z.union([
  z.object({
    calendarKnown: z.literal(true),
    dueOn: OnDate,
    remainingWorkingDays: z.number().int(),
    overdueBy: z.number().int(),
  }),
  z.object({ calendarKnown: z.literal(false), year: z.number().int() }),
]);

export const QueueItem = z.object({
  applicationId: z.string(),
  /** 办件编号 as people read and search it */
  displayCode: z.string().optional(),
  policyId: z.string(),
  policyTitle: z.string(),
  applicant: SubjectView.optional(),
  status: ApplicationStatus,
  statusLabel: z.string(),
  requestedFen: Fen.optional(),
  recommendedFen: Fen.optional(),
  capFen: Fen,
  /** The most that may be approved: min(the rules' amount at submission, cap). */
  entitlementFen: Fen.optional(),
  submittedAt: AtInstant,
  sla: SlaView,
  /** Working days left (negative when overdue); null when the calendar year is unknown. */
  slaWorkingDaysLeft: z.number().int().nullable(),
  /** The signed-in reviewer's level is the one this item waits for. */
  canDecide: z.boolean(),
  /** 超期: past its working-day deadline today, or flagged by today's SLA watch (issue 14). */
  overdue: z.boolean().optional(),
  version: z.number().int(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueuePage = Page(QueueItem).extend({
  /** The department's reviews the day's SLA watch flagged overdue (all pages); absent before it ran. */
  overdueToday: z.object({ day: OnDate, count: z.number().int() }).optional(),
});
export type QueuePage = z.infer<typeof QueuePage>;

export const DecisionBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('approve'),
      amountFen: Fen,
      /** Required when the amount is below the amount applied for (核减), shown in the timeline. */
      reason: z.string().trim().min(1, '核减理由不能为空').max(500).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('reject'),
      reason: z.string().trim().min(1, '不通过理由不能为空').max(500),
    })
    .strict(),
  z
    .object({
      kind: z.literal('return'),
      note: z.string().trim().min(1, '退回补正说明不能为空').max(500),
    })
    .strict(),
]);
export type DecisionBody = z.input<typeof DecisionBody>;

/** 公示异议处理: an upheld objection rejects the application; a dismissed one lets 公示 close. */
export const ResolveObjectionPath = z.object({
  id: ApplicationId,
  objectionId: idSchema('objection'),
});
export type ResolveObjectionPath = z.infer<typeof ResolveObjectionPath>;

export const ResolveObjectionBody = z
  .object({ upheld: z.boolean(), note: z.string().trim().min(1, '处理意见不能为空').max(500) })
  .strict();
export type ResolveObjectionBody = z.input<typeof ResolveObjectionBody>;

export const BatchApproveBody = z
  .object({
    ids: z
      .array(ApplicationId)
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { error: '编号重复' }),
  })
  .strict();
export type BatchApproveBody = z.input<typeof BatchApproveBody>;

export const BatchApproveResult = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.string(), ok: z.literal(true), status: ApplicationStatus, amountFen: Fen }),
      z.object({
        id: z.string(),
        ok: z.literal(false),
        error: z.object({ code: z.string(), message: z.string() }),
      }),
    ]),
  ),
  approved: z.number().int(),
  failed: z.number().int(),
});
export type BatchApproveResult = z.infer<typeof BatchApproveResult>;
