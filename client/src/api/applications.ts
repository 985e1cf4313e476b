/** /v1/applications and /v1/uploads, by their route contracts (shared/contracts/apply). */
import type {
  AccountBody,
  ApplicationListQuery,
  MaterialRef,
  SubmitApplicationBody,
} from '@shared/schemas/application';
import type { CreateUploadBody, UploadTicket } from '@shared/schemas/upload';
import * as routes from '@shared/contracts/apply';
import { call, putBytes } from './client';

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

/** POST /v1/applications — create and submit (201 with the detail). */
export const submitApplication = (body: SubmitApplicationBody, idempotencyKey: string) =>
  call(routes.createApplication, { body, idempotencyKey });

/** GET /v1/applications — own (applicant) or department (reviewer). */
export const listApplications = (query: ApplicationListQuery = {}) =>
  call(routes.listApplications, { query });

/** GET /v1/applications/{id} — with the timeline. */
export const getApplication = (id: string) => call(routes.getApplication, { params: { id } });

/** POST /v1/applications/{id}/supplement — 容缺 materials. */
export const supplementApplication = (
  id: string,
  materials: MaterialRef[],
  idempotencyKey: string,
) => call(routes.supplementApplication, { params: { id }, body: { materials }, idempotencyKey });

/** POST /v1/applications/{id}/withdraw */
export const withdrawApplication = (
  id: string,
  reason: string | undefined,
  idempotencyKey: string,
) =>
  call(routes.withdrawApplication, {
    params: { id },
    body: reason ? { reason } : {},
    idempotencyKey,
  });

/** POST /v1/applications/{id}/account — give or correct the receiving account (until paying). */
export const provideAccount = (id: string, body: AccountBody, idempotencyKey: string) =>
  call(routes.provideAccount, { params: { id }, body, idempotencyKey });

/** POST /v1/applications/{id}/objection — during 公示; answers with the new objection only (201). */
export const raiseObjection = (id: string, text: string, idempotencyKey: string) =>
  call(routes.objectApplication, { params: { id }, body: { text }, idempotencyKey });

/** GET /v1/me/objections — the objections the signed-in applicant raised, each with its ruling. */
export const listMyObjections = (query: { cursor?: string; limit?: number } = {}) =>
  call(routes.listMyObjections, { query });

/** POST /v1/uploads — a pre-signed PUT for one material file. */
export const createUpload = (body: CreateUploadBody) => call(routes.createUpload, { body });

/** The file's bytes to the pre-signed URL, with exactly the headers the ticket names. */
export const putUpload = (ticket: UploadTicket, bytes: ArrayBuffer) =>
  putBytes(ticket.url, ticket.headers, bytes);
