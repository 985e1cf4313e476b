/** GET /v1/policies, /v1/policies/{id}, /v1/me/matches. */
import { z } from 'zod';
import { Department, PolicyKind, PolicyMode, SubjectKind } from '../vocabulary';
import { AtInstant, Fen, OnDate, PolicyKey } from './common';

export { PolicyKind, PolicyMode, SubjectKind } from '../vocabulary';

export const PolicyPath = z.object({ id: PolicyKey });
export type PolicyPath = z.infer<typeof PolicyPath>;

export const PolicySummary = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  department: Department,
  departmentName: z.string(),
  kind: PolicyKind,
  subjectKind: SubjectKind,
  mode: PolicyMode,
  effectiveFrom: OnDate,
  effectiveTo: OnDate,
  capFen: Fen,
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const MaterialView = z.object({
  id: z.string(),
  name: z.string(),
  /** 容缺: accepted missing, supplemented later. */
  optional: z.boolean(),
});
export type MaterialView = z.infer<typeof MaterialView>;

export const PolicyDetail = PolicySummary.extend({
  eligibility: z.array(z.object({ id: z.string(), label: z.string() })),
  materials: z.array(MaterialView),
  reviewLevels: z.union([z.literal(1), z.literal(2)]),
  publicityDays: z.number().int(),
  paymentSlaWorkingDays: z.number().int(),
  office: z.string(),
  phone: z.string(),
  complaintPhone: z.string(),
  parameters: z.array(
    z.object({
      name: z.string(),
      value: z.union([z.number(), z.string()]),
      unit: z.string(),
      /** The value in words with its unit ("¥1,000.00", "5%", "6个月"): what the guide shows. */
      text: z.string().optional(),
      note: z.string(),
    }),
  ),
  source: z.object({ seed: z.string(), clause: z.string(), quote: z.string() }),
});
export type PolicyDetail = z.infer<typeof PolicyDetail>;

export const PolicyList = z.object({
  items: z.array(PolicySummary),
  nextCursor: z.string().optional(),
});
export type PolicyList = z.infer<typeof PolicyList>;

/** One condition as the rule engine explains it: pass/fail/undecided and the fact values used. */
export const ConditionView = z.object({
  id: z.string(),
  label: z.string(),
  passed: z.boolean().nullable(),
  values: z.record(z.string(), z.unknown()),
  /** The values in words, e.g. "营业状态：正常经营" (shared/facts/labels.ts); empty when none are shown. */
  detail: z.string().optional(),
});
export type ConditionView = z.infer<typeof ConditionView>;

export const Explanation = z.object({
  policyId: z.string(),
  version: z.number().int(),
  asOf: OnDate,
  verdict: z.enum(['eligible', 'ineligible', 'incomplete']),
  eligible: z.boolean(),
  amountFen: Fen,
  uncappedAmountFen: Fen,
  capApplied: z.boolean(),
  conditions: z.array(ConditionView),
  missingFacts: z.array(z.string()),
});
export type Explanation = z.infer<typeof Explanation>;

export const NearMissView = z.object({
  failing: z.array(z.object({ id: z.string(), label: z.string(), detail: z.string() })),
  hint: z.string().optional(),
});
export type NearMissView = z.infer<typeof NearMissView>;

export const SubscribeBody = z.object({ topic: z.literal('new_policy') });
export type SubscribeBody = z.infer<typeof SubscribeBody>;
export const SubscriptionView = z.object({
  topic: z.literal('new_policy'),
  subscribed: z.boolean(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const Match = z.object({
  policyId: z.string(),
  title: z.string(),
  department: Department,
  departmentName: z.string(),
  kind: PolicyKind,
  mode: PolicyMode,
  verdict: z.enum(['eligible', 'ineligible', 'incomplete']),
  eligible: z.boolean(),
  estimatedFen: Fen,
  /** Whether POST /v1/applications accepts it now (eligible, apply or both, none open). */
  canApply: z.boolean(),
  explanation: Explanation,
  /** The subject's latest application for this policy, if any. */
  existing: z
    .object({ applicationId: z.string(), status: z.string(), createdAt: AtInstant })
    .optional(),
  /** Not eligible: the conditions that fail and, when only one does, what would meet it (shared/rules/near-miss). */
  nearMiss: NearMissView.optional(),
  /** 申兑指南's office and phone, so the app can offer to call it. */
  office: z.string().optional(),
  phone: z.string().optional(),
});
export type Match = z.infer<typeof Match>;

export const MatchesResponse = z.object({
  asOf: OnDate,
  items: z.array(Match),
  /** Whether the subject asked to be told of new policies (POST /v1/me/subscriptions). */
  subscribed: z.boolean().optional(),
});
export type MatchesResponse = z.infer<typeof MatchesResponse>;
