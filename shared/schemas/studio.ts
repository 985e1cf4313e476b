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

export const ImportCatalogueBody = z.object({
  policies: z
    .array(z.object({ document: z.unknown(), goldenCases: z.unknown().optional() }))
    .max(30),
  parameters: z.array(z.unknown()).max(30).default([]),
});
export type ImportCatalogueBody = z.infer<typeof ImportCatalogueBody>;
