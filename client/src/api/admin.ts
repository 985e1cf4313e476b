/** /v1/admin. Types are local until shared/schemas carries them. */
import type { Fen } from '@shared/money'
import { call } from './client'

export interface ImportResult {
  importId: string
  accepted: number
  rejected: number
  errors: { line: number; message: string }[]
}

export type RunStatus = 'running' | 'completed' | 'failed'

export interface Run {
  id: string
  policyId?: string
  period: string
  status: RunStatus
  segmentsTotal: number
  segmentsDone: number
  evaluated: number
  grantsCreated: number
  startedAt: string
  finishedAt?: string
}

export interface PolicyStats {
  policyId: string
  title: string
  applied: number
  approved: number
  paid: number
  paidFen: Fen
  /** Basis points (6.55% = 655), so the ratio is exact. */
  completionRateBp: number
  overdue: number
}

/** POST /v1/admin/facts:import — a data feed (JSON lines or CSV). */
export const importFacts = (body: { source: string; format: 'jsonl' | 'csv'; content: string }, idempotencyKey: string) =>
  call<ImportResult>('POST', '/v1/admin/facts:import', { body, idempotencyKey })

/** POST /v1/admin/runs — start an auto-grant run. */
export const startRun = (body: { policyId?: string; period: string }, idempotencyKey: string) =>
  call<Run>('POST', '/v1/admin/runs', { body, idempotencyKey })

/** GET /v1/admin/runs/{id} */
export const getRun = (id: string) => call<Run>('GET', `/v1/admin/runs/${encodeURIComponent(id)}`)

/** GET /v1/admin/stats */
export const getStats = () => call<{ items: PolicyStats[] }>('GET', '/v1/admin/stats')
