/** /v1/applications and /v1/uploads. Types are local until shared/schemas carries them. */
import type { Fen } from '@shared/money'
import { call, type Page } from './client'

/** Spelled as DESIGN.md §4. */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'pending_supplement',
  'review_l1',
  'review_l2',
  'returned',
  'rejected',
  'withdrawn',
  'approved',
  'publicity',
  'payable',
  'paying',
  'paid',
  'payment_failed',
  'cancelled',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export interface MaterialRef {
  materialId: string
  uploadId: string
}

export interface SubmitApplicationBody {
  policyId: string
  requestedFen?: Fen
  materials: MaterialRef[]
}

export interface TimelineEntry {
  at: string
  type: string
  /** Chinese line for people, e.g. "人社局 一审通过". */
  text: string
}

export interface ApplicationSummary {
  id: string
  policyId: string
  policyTitle: string
  status: ApplicationStatus
  requestedFen?: Fen
  approvedFen?: Fen
  submittedAt?: string
  updatedAt: string
}

export interface Application extends ApplicationSummary {
  policyVersion: number
  department: string
  applicantName: string
  materials: (MaterialRef & { name: string })[]
  /** 容缺 deadline, local date. */
  supplementDueOn?: string
  publicityEndsOn?: string
  timeline: TimelineEntry[]
}

export interface Upload {
  uploadId: string
  url: string
  /** Form fields for the pre-signed POST. */
  fields: Record<string, string>
}

/** POST /v1/applications — create and submit. */
export const submitApplication = (body: SubmitApplicationBody, idempotencyKey: string) =>
  call<Application>('POST', '/v1/applications', { body, idempotencyKey })

/** GET /v1/applications */
export const listApplications = (query: { status?: ApplicationStatus; cursor?: string } = {}) =>
  call<Page<ApplicationSummary>>('GET', '/v1/applications', { query })

/** GET /v1/applications/{id} */
export const getApplication = (id: string) => call<Application>('GET', `/v1/applications/${encodeURIComponent(id)}`)

/** POST /v1/applications/{id}/supplement — 容缺 materials. */
export const supplementApplication = (id: string, materials: MaterialRef[], idempotencyKey: string) =>
  call<Application>('POST', `/v1/applications/${encodeURIComponent(id)}/supplement`, { body: { materials }, idempotencyKey })

/** POST /v1/applications/{id}/withdraw */
export const withdrawApplication = (id: string, idempotencyKey: string) =>
  call<Application>('POST', `/v1/applications/${encodeURIComponent(id)}/withdraw`, { body: {}, idempotencyKey })

/** POST /v1/applications/{id}/objection — during 公示. */
export const raiseObjection = (id: string, reason: string, idempotencyKey: string) =>
  call<Application>('POST', `/v1/applications/${encodeURIComponent(id)}/objection`, { body: { reason }, idempotencyKey })

/** POST /v1/uploads — a pre-signed upload for one material. */
export const createUpload = (body: { materialId: string; fileName: string; contentType: string; sizeBytes: number }) =>
  call<Upload>('POST', '/v1/uploads', { body })
