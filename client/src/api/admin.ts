/** /v1/admin, by their route contracts (shared/contracts). */
import type { StartRunBody } from '@shared/schemas/admin';
import type { FeedFormat } from '@shared/schemas/facts-import';
import * as routes from '@shared/contracts/money';
import { call } from './client';

export type {
  PolicyStats,
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
) => call(routes.importFacts, { body, idempotencyKey });

/** POST /v1/admin/runs — start an auto-grant run. */
export const startRun = (body: StartRunBody, idempotencyKey: string) =>
  call(routes.startRun, { body, idempotencyKey });

/** GET /v1/admin/runs/{id} */
export const getRun = (id: string) => call(routes.getRun, { params: { id } });

/** GET /v1/admin/stats */
export const getStats = () => call(routes.adminStats, {});
