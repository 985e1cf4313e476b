/** /v1/review and decisions, by their route contracts (shared/contracts). */
import type { DecisionBody, QueueQuery } from '@shared/schemas/review';
import * as routes from '@shared/contracts/apply';
import { call } from './client';

export type {
  BatchApproveResult,
  DecisionBody,
  QueueItem,
  QueuePage,
  QueueQuery,
} from '@shared/schemas/review';

/** GET /v1/review/queue — own department, oldest first. */
export const getReviewQueue = (query: QueueQuery = {}) => call(routes.reviewQueue, { query });

/** POST /v1/applications/{id}/decision */
export const decide = (applicationId: string, decision: DecisionBody, idempotencyKey: string) =>
  call(routes.decideApplication, {
    params: { id: applicationId },
    body: decision,
    idempotencyKey,
  });

/** POST /v1/review/batch-approve — each id at its recommended amount; per-id results. */
export const batchApprove = (ids: string[], idempotencyKey: string) =>
  call(routes.batchApprove, { body: { ids }, idempotencyKey });
