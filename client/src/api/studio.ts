/** /v1/admin/policy-versions and the 政策沙盘 (issue #11). */
import { z } from 'zod';
import { SandboxView, type SandboxBody } from '@shared/schemas/sandbox';
import { call } from './client';

export type { SandboxView } from '@shared/schemas/sandbox';

export const VersionSummary = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  mode: z.string(),
  subjectKind: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string(),
  createdBy: z.string(),
  editors: z.array(z.string()),
  publishedBy: z.string().optional(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const VersionDetail = VersionSummary.extend({
  document: z.record(z.string(), z.unknown()),
  goldenCases: z.array(z.record(z.string(), z.unknown())),
  goldenResults: z.array(
    z.object({ name: z.string(), passed: z.boolean(), why: z.string().optional() }),
  ),
  timeline: z.array(z.looseObject({})),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

const List = z.object({ items: z.array(VersionSummary) });
const Exported = z.looseObject({
  policies: z.array(z.unknown()),
  parameters: z.array(z.unknown()),
});

const path = (id: string, version?: number) =>
  `/v1/admin/policy-versions/${encodeURIComponent(id)}${version === undefined ? '' : `/${String(version)}`}`;

export const listVersions = () => call('GET', '/v1/admin/policy-versions', List);
export const getVersion = (id: string, version: number) =>
  call('GET', path(id, version), VersionDetail);
export const createPolicy = (document: unknown, goldenCases: unknown) =>
  call('POST', '/v1/admin/policy-versions', VersionDetail, { document, goldenCases });
export const createVersion = (id: string) => call('POST', path(id), VersionDetail, {});
export const updateDraft = (id: string, version: number, document: unknown, goldenCases: unknown) =>
  call('PUT', path(id, version), VersionDetail, { document, goldenCases });
export const transitionVersion = (
  id: string,
  version: number,
  action: 'submit' | 'return' | 'publish' | 'retire',
  body: { note?: string; reason?: string } = {},
) => call('POST', `${path(id, version)}/${action}`, VersionDetail, body);
export const startSandbox = (id: string, body: SandboxBody) =>
  call('POST', `${path(id)}/sandbox`, SandboxView, body);
export const getSandbox = (id: string, runId: string) =>
  call('GET', `${path(id)}/sandbox/${encodeURIComponent(runId)}`, SandboxView);
export const exportCatalogue = () => call('GET', '/v1/admin/catalogue:export', Exported);
