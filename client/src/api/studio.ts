/** /v1/admin/policy-versions and the 政策沙盘 (issue #11). */
import { z } from 'zod';
import * as routes from '@shared/contracts/studio';
import type { SandboxBody } from '@shared/schemas/sandbox';
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

/** The contract's answer, read with the fields these pages rely on (the answers are loose objects). */
const detail = async (p: Promise<unknown>) => VersionDetail.parse(await p);

export const listVersions = async () => List.parse(await call(routes.listPolicyVersions, {}));
export const getVersion = (id: string, version: number) =>
  detail(call(routes.getPolicyVersion, { params: { id, version } }));
export const createPolicy = (document: unknown, goldenCases: unknown) =>
  detail(call(routes.createPolicy, { body: { document, goldenCases } }));
export const createVersion = (id: string) =>
  detail(call(routes.createPolicyVersion, { params: { id }, body: {} }));
export const updateDraft = (id: string, version: number, document: unknown, goldenCases: unknown) =>
  detail(
    call(routes.updatePolicyDraft, { params: { id, version }, body: { document, goldenCases } }),
  );
export const transitionVersion = (
  id: string,
  version: number,
  action: 'submit' | 'return' | 'publish' | 'retire',
  body: { note?: string; reason?: string } = {},
) => detail(call(routes.transitionPolicyVersion, { params: { id, version, action }, body }));
export const startSandbox = (id: string, body: SandboxBody) =>
  call(routes.startSandbox, { params: { id }, body });
export const getSandbox = (id: string, runId: string) =>
  call(routes.getSandbox, { params: { id, runId } });
export const exportCatalogue = () => call(routes.exportCatalogue, {});

// ── dated parameters (issue #11): a new value is proposed by one admin, approved by another ──

/** GET /v1/admin/parameters — every parameter, its dated values and proposals; `asOf` is the server's business date. */
export const listParameters = () => call(routes.listParameters, {});
export type ParameterList = Awaited<ReturnType<typeof listParameters>>;
export type ParameterView = ParameterList['items'][number];

/** PUT /v1/admin/parameters/{name} — proposes a value from a date (today at the earliest). */
export const proposeParameterValue = (
  name: string,
  body: { from: string; value: number; note?: string },
) => call(routes.setParameter, { params: { name }, body });

/** POST /v1/admin/parameters/{name}/{from}/{approve|reject} — another admin approves; a rejection needs a reason. */
export const decideParameterValue = (
  name: string,
  from: string,
  action: 'approve' | 'reject',
  reason?: string,
) =>
  call(routes.decideParameterValue, {
    params: { name, from, action },
    body: reason === undefined ? undefined : { reason },
  });
