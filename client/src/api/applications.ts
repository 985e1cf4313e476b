/** /v1/applications and /v1/uploads, typed and parsed by shared/schemas. */
import { RatingView, type RatingBody } from '@shared/schemas/rating';
import {
  ApplicationDetail,
  ApplicationList,
  ObjectionList,
  ObjectionView,
  type AccountBody,
  type ApplicationListQuery,
  type MaterialRef,
  type SubmitApplicationBody,
} from '@shared/schemas/application';
import { UploadTicket, type CreateUploadBody } from '@shared/schemas/upload';
import { call, putBytes, withQuery } from './client';

export type {
  AccountBody,
  ApplicationDetail,
  ApplicationList,
  ApplicationSummary,
  MaterialRef,
  ObjectionList,
  ObjectionView,
  SubmitApplicationBody,
  TimelineEntry,
} from '@shared/schemas/application';
export type { UploadTicket } from '@shared/schemas/upload';
export type { ApplicationStatus } from '@shared/schemas/common';

const byId = (id: string) => `/v1/applications/${encodeURIComponent(id)}`;

/** POST /v1/applications — create and submit (201 with the detail). */
export const submitApplication = (body: SubmitApplicationBody, idempotencyKey: string) =>
  call('POST', '/v1/applications', ApplicationDetail, body, idempotencyKey);

/** GET /v1/applications — own (applicant) or department (reviewer). */
export const listApplications = (query: ApplicationListQuery = {}) =>
  call('GET', withQuery('/v1/applications', query), ApplicationList);

/** GET /v1/applications/{id} — with the timeline. */
export const getApplication = (id: string) => call('GET', byId(id), ApplicationDetail);

/** POST /v1/applications/{id}/supplement — 容缺 materials. */
export const supplementApplication = (
  id: string,
  materials: MaterialRef[],
  idempotencyKey: string,
) => call('POST', `${byId(id)}/supplement`, ApplicationDetail, { materials }, idempotencyKey);

/** POST /v1/applications/{id}/withdraw */
export const withdrawApplication = (
  id: string,
  reason: string | undefined,
  idempotencyKey: string,
) =>
  call('POST', `${byId(id)}/withdraw`, ApplicationDetail, reason ? { reason } : {}, idempotencyKey);

/** POST /v1/applications/{id}/account — give or correct the receiving account (until paying). */
export const provideAccount = (id: string, body: AccountBody, idempotencyKey: string) =>
  call('POST', `${byId(id)}/account`, ApplicationDetail, body, idempotencyKey);

/** POST /v1/applications/{id}/objection — during 公示; answers with the new objection only (201). */
export const raiseObjection = (id: string, text: string, idempotencyKey: string) =>
  call('POST', `${byId(id)}/objection`, ObjectionView, { text }, idempotencyKey);

/** GET /v1/me/objections — the objections the signed-in applicant raised, each with its ruling. */
export const listMyObjections = (query: { cursor?: string; limit?: number } = {}) =>
  call('GET', withQuery('/v1/me/objections', query), ObjectionList);

/** POST /v1/uploads — a pre-signed PUT for one material file. */
export const createUpload = (body: CreateUploadBody) =>
  call('POST', '/v1/uploads', UploadTicket, body);

/** The file's bytes to the pre-signed URL, with exactly the headers the ticket names. */
export const putUpload = (ticket: UploadTicket, bytes: ArrayBuffer) =>
  putBytes(ticket.url, ticket.headers, bytes);

/** POST /v1/ratings — 好差评 of a paid or refused item, once. */
export const rateService = (body: RatingBody, idempotencyKey: string) =>
  call('POST', '/v1/ratings', RatingView, body, idempotencyKey);
