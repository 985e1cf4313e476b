/** /v1/review and decisions, typed and parsed by shared/schemas/review. */
import { ApplicationDetail } from '@shared/schemas/application';
import {
  BatchApproveResult,
  QueuePage,
  type DecisionBody,
  type QueueQuery,
} from '@shared/schemas/review';
import { call, withQuery } from './client';

export type {
  BatchApproveResult,
  DecisionBody,
  QueueItem,
  QueuePage,
  QueueQuery,
} from '@shared/schemas/review';

/** GET /v1/review/queue — own department, oldest first. */
export const getReviewQueue = (query: QueueQuery = {}) =>
  call('GET', withQuery('/v1/review/queue', query), QueuePage);

/** POST /v1/applications/{id}/decision */
export const decide = (applicationId: string, decision: DecisionBody, idempotencyKey: string) =>
  call(
    'POST',
    `/v1/applications/${encodeURIComponent(applicationId)}/decision`,
    ApplicationDetail,
    decision,
    idempotencyKey,
  );

/** POST /v1/review/batch-approve — each id at its recommended amount; per-id results. */
export const batchApprove = (ids: string[], idempotencyKey: string) =>
  call('POST', '/v1/review/batch-approve', BatchApproveResult, { ids }, idempotencyKey);
