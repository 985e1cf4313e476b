/** /v1/review and decisions. Types are local until shared/schemas carries them. */
import type { Fen } from '@shared/money'
import { call, type Page } from './client'
import type { Application, ApplicationStatus } from './applications'

export interface QueueItem {
  applicationId: string
  policyId: string
  policyTitle: string
  applicantName: string
  status: ApplicationStatus
  requestedFen?: Fen
  capFen?: Fen
  submittedAt: string
  /** SLA due date (local date) in working days, computed by the server's calendar. */
  slaDueOn?: string
  /** Working days left; negative when overdue; null when the calendar does not cover the period. */
  slaWorkingDaysLeft: number | null
}

export type Decision =
  | { kind: 'approve'; amountFen: Fen }
  | { kind: 'reject'; reason: string }
  | { kind: 'return'; whatToFix: string }

/** GET /v1/review/queue — own department, oldest first. */
export const getReviewQueue = (query: { status?: ApplicationStatus; policyId?: string; cursor?: string } = {}) =>
  call<Page<QueueItem>>('GET', '/v1/review/queue', { query })

/** POST /v1/applications/{id}/decision */
export const decide = (applicationId: string, decision: Decision, idempotencyKey: string) =>
  call<Application>('POST', `/v1/applications/${encodeURIComponent(applicationId)}/decision`, {
    body: decision,
    idempotencyKey,
  })
