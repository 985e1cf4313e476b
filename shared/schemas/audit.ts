/**
 * The audit trail (issue 14, DESIGN §14): one payment, payable item, grant or application
 * followed back through its whole chain; for auditors and admins, read-only.
 *
 *   GET /v1/audit/{kind}/{id}/trail   kind: application | grant | payment  → AuditTrail
 *   GET /v1/audit/policies/{policyId}/export   → AuditExport (a CSV written page by page)
 */
import { z } from 'zod';
import { Explanation } from './policy';
import { AtInstant, PolicyKey } from './common';

export const TRAIL_KINDS = ['application', 'grant', 'payment'] as const;
export const TrailPath = z.object({
  kind: z.enum(TRAIL_KINDS),
  id: z.string().regex(/^(app|grt|pay)_[0-9A-Za-z_.~-]{1,200}$/, '不是有效的编号'),
});
export type TrailPath = z.infer<typeof TrailPath>;

/** Who took a step, as an audit trail names them: ids and codes only, never names or ID numbers. */
export const TrailActor = z.object({
  kind: z.enum(['applicant', 'reviewer', 'admin', 'auditor', 'system']),
  label: z.string(),
  userId: z.string().optional(),
  department: z.string().optional(),
  level: z.number().optional(),
  job: z.string().optional(),
});

export const TrailStep = z.object({
  at: AtInstant,
  type: z.string(),
  label: z.string(),
  by: TrailActor.optional(),
  from: z.string().nullable().optional(),
  to: z.string().optional(),
  amountFen: z.number().int().optional(),
  reason: z.string().optional(),
});
export type TrailStep = z.infer<typeof TrailStep>;

export const AuditTrail = z.object({
  item: z.object({
    kind: z.enum(['application', 'grant']),
    id: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    department: z.string(),
    subjectId: z.string(),
    subjectName: z.string(),
    amountFen: z.number().int(),
    accountMasked: z.string().optional(),
  }),
  policy: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  /** The rules' verdict, amount and conditions with the fact values used. */
  explanation: Explanation.optional(),
  facts: z.object({
    /** True only when the item carries facts frozen at submit / detection. */
    frozen: z.boolean(),
    /** The hash frozen with the item (absent until frozen facts exist on the item). */
    frozenHash: z.string().optional(),
    /** SHA-256 (base64url) of the records below, as read now. */
    hash: z.string(),
    asOf: z.string(),
    records: z.array(z.object({ source: z.string(), period: z.unknown(), values: z.unknown() })),
  }),
  /** Every decision: who, when, amount, reason. */
  decisions: z.array(TrailStep),
  /** Every event of the item, oldest first (append-only). */
  timeline: z.array(TrailStep),
  /** Budget movements the item caused on its policy's line (reserved, spent, released, refunded). */
  budget: z.array(
    z.object({
      at: AtInstant,
      movement: z.enum(['reserved', 'spent', 'released', 'refunded']),
      amountFen: z.number().int(),
      fiscalYear: z.number().int(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      attempt: z.number().int(),
      idempotencyKey: z.string(),
      amountFen: z.number().int(),
      status: z.string(),
      statusLabel: z.string(),
      accountMasked: z.string(),
      treasuryRef: z.string().optional(),
      createdAt: AtInstant,
      settledAt: AtInstant.optional(),
      reason: z.string().optional(),
      /** Every answer of the treasury and every change of the payment. */
      events: z.array(TrailStep),
    }),
  ),
  recoveries: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      amountFen: z.number().int(),
      reason: z.string(),
      events: z.array(TrailStep),
    }),
  ),
  objections: z.array(
    z.object({
      id: z.string(),
      raisedAt: AtInstant,
      channel: z.enum(['public', 'signed_in']),
      status: z.string(),
      ruling: z.object({ upheld: z.boolean(), note: z.string(), at: AtInstant }).optional(),
    }),
  ),
});
export type AuditTrail = z.infer<typeof AuditTrail>;

export const ExportPath = z.object({ policyId: PolicyKey });
export const AuditExport = z.object({
  policyId: z.string(),
  /** A short-lived link to the CSV (minutes). */
  url: z.string(),
  key: z.string(),
  rows: z.number().int(),
  pages: z.number().int(),
  bytes: z.number().int(),
});
export type AuditExport = z.infer<typeof AuditExport>;
