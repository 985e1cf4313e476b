/** /v1/admin, by their route contracts (shared/contracts). */
import type { StartRunBody } from '@shared/schemas/admin';
import type { FeedFormat } from '@shared/schemas/facts-import';
import type { CreateFeedJobBody } from '@shared/schemas/feeds';
import * as routes from '@shared/contracts/money';
import { call } from './client';

export type {
  PolicyStats,
  PopulationRunView,
  RunPreviewView,
  RunStatus,
  RunView,
  StartRunBody,
  StatsView,
} from '@shared/schemas/admin';
export type { FeedFormat, ImportResult, RejectedRow } from '@shared/schemas/facts-import';
export type { CreatedFeedJob, FeedJobView, RejectedRowsFile } from '@shared/schemas/feeds';

/** POST /v1/admin/facts:import — a data feed (JSON lines or CSV). */
export const importFacts = (
  body: { format: FeedFormat; content: string; feed?: string },
  idempotencyKey: string,
) => call(routes.importFacts, { body, idempotencyKey });

/** POST /v1/admin/feeds — a feed file's import job and its pre-signed PUT (issue #16). */
export const createFeedImport = (body: CreateFeedJobBody) =>
  call(routes.createFeedImport, { body });

/** GET /v1/admin/feeds/{id} — status and progress. */
export const getFeedImport = (id: string) => call(routes.getFeedImport, { params: { id } });

/** POST /v1/admin/feeds/{id}/start — the upload is done (locally this runs the import). */
export const startFeedImport = (id: string) => call(routes.startFeedImport, { params: { id } });

/** GET /v1/admin/feeds/{id}/rejected — the rejected rows as CSV text. */
export const getFeedRejected = (id: string) => call(routes.getFeedRejected, { params: { id } });

/** POST /v1/admin/runs — start an auto-grant run. */
export const startRun = (body: StartRunBody, idempotencyKey: string) =>
  call(routes.startRun, { body, idempotencyKey });

/** POST /v1/admin/runs:preview — what a run would grant (count, total), writing nothing. */
export const previewRun = (body: StartRunBody) => call(routes.previewRun, { body });

/** GET /v1/admin/runs/{id} */
export const getRun = (id: string) => call(routes.getRun, { params: { id } });

/** GET /v1/admin/stats */
export const getStats = () => call(routes.adminStats, {});

/** POST /v1/admin/stats/{id}/population — recount one policy's 应享人群 now (issue #16). */
export const refreshPopulation = (policyId: string, idempotencyKey: string) =>
  call(routes.refreshPopulation, { params: { id: policyId }, idempotencyKey });
