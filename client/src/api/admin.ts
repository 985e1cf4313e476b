/** /v1/admin, typed and parsed by shared/schemas/{admin,facts-import}. */
import { RunView, StatsView, type StartRunBody } from '@shared/schemas/admin';
import { ImportResult, type FeedFormat } from '@shared/schemas/facts-import';
import {
  CreatedFeedJob,
  FeedJobView,
  RejectedRowsFile,
  type CreateFeedJobBody,
} from '@shared/schemas/feeds';
import { call } from './client';

export type {
  PolicyStats,
  RunStatus,
  RunView,
  StartRunBody,
  StatsView,
} from '@shared/schemas/admin';
export type { FeedFormat, ImportResult, RejectedRow } from '@shared/schemas/facts-import';
export type { CreatedFeedJob, FeedJobView, RejectedRowsFile } from '@shared/schemas/feeds';

/** POST /v1/admin/feeds — a feed file's import job and its pre-signed PUT (issue #16). */
export const createFeedImport = (body: CreateFeedJobBody, idempotencyKey: string) =>
  call('POST', '/v1/admin/feeds', CreatedFeedJob, body, idempotencyKey);

/** GET /v1/admin/feeds/{id} — status and progress. */
export const getFeedImport = (id: string) =>
  call('GET', `/v1/admin/feeds/${encodeURIComponent(id)}`, FeedJobView);

/** POST /v1/admin/feeds/{id}/start — the upload is done (locally this runs the import). */
export const startFeedImport = (id: string) =>
  call('POST', `/v1/admin/feeds/${encodeURIComponent(id)}/start`, FeedJobView);

/** GET /v1/admin/feeds/{id}/rejected — the rejected rows as CSV text. */
export const getFeedRejected = (id: string) =>
  call('GET', `/v1/admin/feeds/${encodeURIComponent(id)}/rejected`, RejectedRowsFile);

/** POST /v1/admin/facts:import — a data feed (JSON lines or CSV). */
export const importFacts = (
  body: { format: FeedFormat; content: string; feed?: string },
  idempotencyKey: string,
) => call('POST', '/v1/admin/facts:import', ImportResult, body, idempotencyKey);

/** POST /v1/admin/runs — start an auto-grant run. */
export const startRun = (body: StartRunBody, idempotencyKey: string) =>
  call('POST', '/v1/admin/runs', RunView, body, idempotencyKey);

/** GET /v1/admin/runs/{id} */
export const getRun = (id: string) =>
  call('GET', `/v1/admin/runs/${encodeURIComponent(id)}`, RunView);

/** GET /v1/admin/stats */
export const getStats = () => call('GET', '/v1/admin/stats', StatsView);
