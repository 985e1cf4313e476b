/** /v1/grants (免申即享). Types are local until shared/schemas carries them. */
import type { Fen } from '@shared/money'
import { call, type Page } from './client'

export type GrantStatus = 'detected' | 'awaiting_confirmation' | 'publicity' | 'payable' | 'paying' | 'paid'

export interface Grant {
  id: string
  policyId: string
  policyTitle: string
  period: string
  amountFen: Fen
  status: GrantStatus
  /** Masked, e.g. "6222 **** 1234". */
  accountMasked?: string
  detectedAt: string
}

export interface ConfirmGrantBody {
  accountName: string
  bankName: string
  accountNo: string
}

/** GET /v1/grants */
export const listGrants = (cursor?: string) => call<Page<Grant>>('GET', '/v1/grants', { query: { cursor } })

/** POST /v1/grants/{id}/confirm — the receiving account. */
export const confirmGrant = (id: string, body: ConfirmGrantBody, idempotencyKey: string) =>
  call<Grant>('POST', `/v1/grants/${encodeURIComponent(id)}/confirm`, { body, idempotencyKey })
