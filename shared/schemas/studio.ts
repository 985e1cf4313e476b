/**
 * The policy studio's admin API (issue #11): policy versions as published data, their golden
 * cases and the dated parameters. Documents are checked by shared/policies/check.ts (Chinese
 * message + offending path), so the bodies here only shape the envelope.
 */
import { z } from 'zod';
import { IsoDate } from '../facts/dates';
import { ParamName } from '../rules/ast';
import { ParameterUnit } from '../policies/parameters';
import { PolicyKey } from './common';

export const PolicyVersionPath = z.object({
  id: PolicyKey,
  version: z.coerce.number().int().positive().max(999_999),
});
export type PolicyVersionPath = z.infer<typeof PolicyVersionPath>;

export const PolicyIdPath = z.object({ id: PolicyKey });

export const PolicyVersionActionPath = PolicyVersionPath.extend({
  action: z.enum(['submit', 'return', 'publish', 'retire']),
});

/** A new policy, a new version, or a draft's replacement: the document and its golden cases. */
export const DraftBody = z.object({
  document: z.unknown(),
  goldenCases: z.unknown().optional(),
});
export type DraftBody = z.infer<typeof DraftBody>;

/** A new version: from a document, or (none given) a copy of the latest version. */
export const NewVersionBody = z.object({
  document: z.unknown().optional(),
  goldenCases: z.unknown().optional(),
});
export type NewVersionBody = z.infer<typeof NewVersionBody>;

/** submit / publish take nothing; return needs a note, retire a reason. */
export const VersionActionBody = z
  .object({ note: z.string().max(500).optional(), reason: z.string().max(500).optional() })
  .optional();

export const ParameterPath = z.object({ name: ParamName });

export const SetParameterBody = z.object({
  from: IsoDate,
  value: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  label: z.string().min(2).max(40).optional(),
  unit: ParameterUnit.optional(),
  note: z.string().max(200).optional(),
});
export type SetParameterBody = z.infer<typeof SetParameterBody>;

/** Approve or reject the value proposed for a parameter from a date on (four eyes). */
export const ParameterActionPath = ParameterPath.extend({
  from: IsoDate,
  action: z.enum(['approve', 'reject']),
});
export const ParameterActionBody = z.object({ reason: z.string().max(200).optional() }).optional();
export type ParameterActionBody = z.infer<typeof ParameterActionBody>;

export const ImportCatalogueBody = z.object({
  policies: z
    .array(z.object({ document: z.unknown(), goldenCases: z.unknown().optional() }))
    .max(30),
  parameters: z.array(z.unknown()).max(30).default([]),
});
export type ImportCatalogueBody = z.infer<typeof ImportCatalogueBody>;

// ── answers ──────────────────────────────────────────────────────────────────
// Loose objects: the client keeps every field sent; the ones named are what a caller may rely on.

/** A policy version in the studio's list. */
export const PolicyVersionSummary = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  department: z.string(),
  mode: z.string(),
  subjectKind: z.string(),
  effectiveFrom: z.string(),
  goldenCases: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int(),
});
export const PolicyVersionList = z.object({ items: z.array(PolicyVersionSummary) });

/** One version: its document, golden cases with their results, and its timeline. */
export const PolicyVersionDetail = PolicyVersionSummary.extend({
  document: z.looseObject({ id: z.string(), title: z.string() }),
  goldenCases: z.array(z.looseObject({ name: z.string() })).readonly(),
  goldenResults: z.array(z.looseObject({ name: z.string(), passed: z.boolean() })),
  timeline: z.array(z.looseObject({ type: z.string(), at: z.string() })).readonly(),
});

/** A dated parameter and its values by effective date. */
export const ParameterView = z.looseObject({
  name: z.string(),
  label: z.string(),
  unit: z.string(),
  note: z.string().optional(),
  values: z.array(z.looseObject({ from: z.string(), value: z.number() })).readonly(),
  updatedAt: z.string(),
  revision: z.number().int(),
  /** Values proposed by one admin, waiting for another's approval: not in effect. */
  proposals: z
    .array(
      z.looseObject({
        from: z.string(),
        value: z.number(),
        proposedBy: z.string(),
        proposedAt: z.string(),
        note: z.string().optional(),
        /** whether the caller may approve it: an admin other than its proposer */
        canApprove: z.boolean().optional(),
      }),
    )
    .readonly()
    .optional(),
  /** In the list: the titles of the policies that read it (people read titles, not names). */
  policyTitles: z.array(z.string()).readonly().optional(),
});
export const ParameterList = z.object({
  items: z.array(ParameterView),
  /** the business date (Asia/Shanghai) the server answered on: a new value may start from it */
  asOf: z.string(),
});

/** The studio's JSON export: every version with its golden cases, and every parameter. */
export const CatalogueExport = z.object({
  policies: z.array(
    z.looseObject({ status: z.string(), document: z.looseObject({ id: z.string() }) }),
  ),
  parameters: z.array(z.looseObject({ name: z.string() })),
});

/** What an import wrote: the drafts it made and the parameters it set. */
export const CatalogueImportResult = z.object({
  drafts: z.array(z.object({ id: z.string(), version: z.number().int() })),
  parameters: z.array(z.string()),
});
