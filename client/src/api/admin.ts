/** /v1/admin, typed and parsed by shared/schemas/{admin,facts-import}. */
import { RunPreviewView, RunView, StatsView, type StartRunBody } from '@shared/schemas/admin';
import { ImportResult, type FeedFormat } from '@shared/schemas/facts-import';
import { call } from './client';

export type {
  PolicyStats,
  RunPreviewView,
  RunStatus,
  RunView,
  StartRunBody,
  StatsView,
} from '@shared/schemas/admin';
export type { FeedFormat, ImportResult, RejectedRow } from '@shared/schemas/facts-import';

/** POST /v1/admin/facts:import — a data feed (JSON lines or CSV). */
export const importFacts = (
  body: { format: FeedFormat; content: string; feed?: string },
  idempotencyKey: string,
) => call('POST', '/v1/admin/facts:import', ImportResult, body, idempotencyKey);

/** POST /v1/admin/runs — start an auto-grant run. */
export const startRun = (body: StartRunBody, idempotencyKey: string) =>
  call('POST', '/v1/admin/runs', RunView, body, idempotencyKey);

/** POST /v1/admin/runs:preview — what a run would grant (count, total), writing nothing. */
export const previewRun = (body: StartRunBody) =>
  call('POST', '/v1/admin/runs:preview', RunPreviewView, body);

/** GET /v1/admin/runs/{id} */
export const getRun = (id: string) =>
  call('GET', `/v1/admin/runs/${encodeURIComponent(id)}`, RunView);

/** GET /v1/admin/stats */
export const getStats = () => call('GET', '/v1/admin/stats', StatsView);
