/**
 * /v1/applications: create-and-submit, list, detail with timeline, supplement (容缺),
 * withdraw, objection (公示).
 */
import { z } from 'zod';
import { RatingView } from './rating';
import { STEP_KEYS } from '../progress';
import { SlaView } from './review';
import { Department, ObjectionStatus, RecoveryStatus } from '../vocabulary';
import {
  ApplicationId,
  ApplicationStatus,
  AtInstant,
  Cursor,
  Fen,
  Limit,
  Page,
  PolicyKey,
} from './common';
import { Explanation } from './policy';
import { MAX_UPLOAD_BYTES, MaterialCode, Sha256Base64, UploadId } from './upload';
import { SubjectView } from './auth';

/** A material as the applicant names it: which requirement, and the upload holding the file. */
export const MaterialRef = z
  .object({
    materialId: MaterialCode,
    uploadId: UploadId,
    /** What was declared at POST /v1/uploads; when given, the stored file must have exactly these. */
    sizeBytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES).optional(),
    sha256: Sha256Base64.optional(),
  })
  .strict();
export type MaterialRef = z.infer<typeof MaterialRef>;

const Materials = z
  .array(MaterialRef)
  .max(20)
  .refine((ms) => new Set(ms.map((m) => m.materialId)).size === ms.length, {
    error: '同一材料不能提交两次',
  });

/**
 * The receiving account (收款账户), given or confirmed when applying: `profile` uses the
 * account on file (422 ACCOUNT_REQUIRED if there is none); `new` is checked by shared/payee
 * (户名 = the subject's registered name, 开户行, 账号 with a Luhn check digit on a resident's
 * card). The schema only bounds the strings: shared/payee gives the reasons.
 */
export const AccountChoice = z.discriminatedUnion('source', [
  z.object({ source: z.literal('profile') }).strict(),
  z
    .object({
      source: z.literal('new'),
      accountName: z.string().max(200),
      bankName: z.string().max(200),
      accountNumber: z.string().max(60),
    })
    .strict(),
]);
export type AccountChoice = z.infer<typeof AccountChoice>;

export const SubmitApplicationBody = z
  .object({
    policyId: PolicyKey,
    /** Defaults to the amount the rules compute; never above the policy's cap. */
    requestedFen: Fen.optional(),
    materials: Materials,
    account: AccountChoice,
  })
  .strict();
export type SubmitApplicationBody = z.input<typeof SubmitApplicationBody>;

export const SupplementBody = z
  .object({ materials: Materials.refine((m) => m.length > 0, { error: '请至少提交一份材料' }) })
  .strict();
export type SupplementBody = z.input<typeof SupplementBody>;

export const WithdrawBody = z.object({ reason: z.string().max(500).optional() }).strict();
export type WithdrawBody = z.input<typeof WithdrawBody>;

/** POST /v1/applications/{id}/account: give or correct the receiving account. */
export const AccountBody = AccountChoice;
export type AccountBody = z.input<typeof AccountBody>;

/** An account as every view shows it: never the number, only `****1234` and the bank. */
export const AccountView = z.object({ accountMasked: z.string(), bankName: z.string() });
export type AccountView = z.infer<typeof AccountView>;

export const ObjectionBody = z
  .object({ text: z.string().trim().min(1, '异议内容不能为空').max(500, '异议内容不能超过500字') })
  .strict();
export type ObjectionBody = z.input<typeof ObjectionBody>;

export { OBJECTION_STATUSES } from '../vocabulary';

/**
 * What an objector gets back (POST …/objection, GET /v1/me/objections): their own objection
 * and its ruling, nothing of the application (no timeline, notes, materials, amounts or
 * other objections).
 */
export const ObjectionView = z.object({
  id: z.string(),
  applicationId: z.string(),
  text: z.string(),
  raisedAt: AtInstant,
  status: ObjectionStatus,
  statusLabel: z.string(),
  /** Present once ruled: whether the objection was upheld, and the department's reply. */
  ruling: z.object({ upheld: z.boolean(), note: z.string(), at: AtInstant }).optional(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const ObjectionList = Page(ObjectionView);
export type ObjectionList = z.infer<typeof ObjectionList>;

export const ObjectionListQuery = z
  .object({ cursor: Cursor.optional(), limit: Limit.optional() })
  .strict();
export type ObjectionListQuery = z.input<typeof ObjectionListQuery>;

export const ApplicationPath = z.object({ id: ApplicationId });
export type ApplicationPath = z.infer<typeof ApplicationPath>;

export const ApplicationListQuery = z
  .object({
    status: ApplicationStatus.optional(),
    cursor: Cursor.optional(),
    limit: Limit.optional(),
  })
  .strict();
export type ApplicationListQuery = z.input<typeof ApplicationListQuery>;

export const ApplicationSummary = z.object({
  id: z.string(),
  /** 办件编号 as people read and search it (`201215-7K3M9Q`, shared/display-code.ts) */
  displayCode: z.string().optional(),
  policyId: z.string(),
  policyTitle: z.string(),
  department: Department,
  status: ApplicationStatus,
  statusLabel: z.string(),
  /** Masked for persons: lists never carry a full ID-card number. */
  applicant: SubjectView.optional(),
  requestedFen: Fen.optional(),
  approvedFen: Fen.optional(),
  createdAt: AtInstant,
  submittedAt: AtInstant.optional(),
  supplementDueAt: AtInstant.optional(),
  publicityEndsAt: AtInstant.optional(),
  version: z.number().int(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const TimelineEntry = z.object({
  at: AtInstant,
  type: z.string(),
  from: ApplicationStatus.nullable().optional(),
  to: ApplicationStatus.optional(),
  /** Chinese line for people, e.g. "一级审核通过，建议金额 ¥5,000.00". */
  text: z.string(),
  /** Who, by role only: user ids of staff are not shown to applicants. */
  by: z.enum(['applicant', 'reviewer', 'admin', 'auditor', 'system']),
  /** Staff viewers only: the staff member's name and department (“人社局 张审核”), issue #17. */
  byName: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const MaterialStatus = z.object({
  materialId: z.string(),
  name: z.string(),
  optional: z.boolean(),
  provided: z.boolean(),
  uploadId: z.string().optional(),
  /** the file's type as storage confirmed it (image → preview, PDF → open); absent on older items */
  contentType: z.string().optional(),
});

/**
 * 资金追回 on a paid application, as its owner and staff see it. The reason is the ground the
 * subject is asked to return the money on (as a rejection's reason is shown to them); the
 * operator's closing note (缴款书 numbers, why it was written off) stays in the staff's views.
 */
export const ApplicationRecovery = z.object({
  status: RecoveryStatus,
  statusLabel: z.string(),
  amountFen: Fen,
  reason: z.string(),
  openedAt: AtInstant,
  closedAt: AtInstant.optional(),
});
export type ApplicationRecovery = z.infer<typeof ApplicationRecovery>;

/**
 * The facts an application was judged on (issue 14): each record's source, period and the
 * import it came from, the hash of them all and whether the stored records still match it.
 */
export const FrozenFactsView = z.object({
  hash: z.string(),
  asOf: z.string(),
  policyVersion: z.number().int(),
  intact: z.boolean(),
  facts: z.array(
    z.object({
      source: z.string(),
      sourceLabel: z.string(),
      period: z.object({ from: z.string(), to: z.string().nullable() }),
      importId: z.string(),
      recordedAt: z.string(),
    }),
  ),
});
export type FrozenFactsView = z.infer<typeof FrozenFactsView>;

export const ApplicationDetail = ApplicationSummary.extend({
  policyVersion: z.number().int(),
  capFen: Fen,
  /** The most that may be requested or approved: min(the rules' amount at submission, cap). */
  entitlementFen: Fen.optional(),
  reviewLevels: z.union([z.literal(1), z.literal(2)]),
  materials: z.array(MaterialStatus),
  recommendedFen: Fen.optional(),
  /** The receiving account, masked; owner and staff only. Absent: none given yet. */
  account: AccountView.optional(),
  returnNote: z.string().optional(),
  rejectionReason: z.string().optional(),
  decidedAt: AtInstant.optional(),
  objections: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      raisedAt: AtInstant,
      resolved: z.boolean(),
      upheld: z.boolean().optional(),
    }),
  ),
  timeline: z.array(TimelineEntry),
  /** The rules as judged on the subject's facts on the day it was submitted (applicant and reviewers). */
  explanation: Explanation.optional(),
  /** What the explanation was computed from: the facts frozen at submission (owner and staff). */
  frozenFacts: FrozenFactsView.optional(),
  /** Present once a 追回 was opened on the paid application (owner and staff). */
  recovery: ApplicationRecovery.optional(),
  /** 办件进度 as a stepper, each step with its expected or actual date (shared/progress.ts) */
  steps: z
    .array(
      z.object({
        key: z.enum(STEP_KEYS),
        label: z.string(),
        state: z.enum(['done', 'current', 'upcoming', 'skipped']),
        doneOn: z.string().optional(),
        expectedOn: z.string().optional(),
      }),
    )
    .optional(),
  /** staff only, while in review: the review SLA (working days left, due date) */
  reviewSla: SlaView.optional(),
  /** 好差评: the applicant's rating once given (paid or refused items only) */
  rating: RatingView.optional(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationList = Page(ApplicationSummary);
export type ApplicationList = z.infer<typeof ApplicationList>;

/** Details of NOT_ELIGIBLE (422): the rule engine's explanation. */
export const NotEligibleDetails = z.object({ explanation: Explanation });
