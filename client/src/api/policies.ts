/** /v1/policies and /v1/me/matches. Types are local until shared/schemas carries them. */
import type { Fen } from '@shared/money'
import { call, type Page } from './client'
import type { SubjectType } from './auth'

export type PolicyKind = 'subsidy' | 'rent_waiver' | 'startup_loan' | 'loan_interest'
/** apply = 依申请; auto = 免申即享; both = either way. */
export type PolicyMode = 'apply' | 'auto' | 'both'

export interface Material {
  id: string
  name: string
  /** 容缺: the application may be accepted with this missing and supplemented later. */
  deferrable: boolean
  note?: string
}

export interface Policy {
  id: string
  version: number
  title: string
  department: string
  kind: PolicyKind
  subjectType: SubjectType
  mode: PolicyMode
  /** Local dates, Asia/Shanghai. */
  effectiveFrom: string
  effectiveTo?: string
  summary: string
  /** Who qualifies, in words (the rule's conditions, for people). */
  eligibilityText: string[]
  /** How the amount is computed, in words. */
  amountText: string
  capFen?: Fen
  materials: Material[]
  reviewLevels: 1 | 2
  publicityDays: number
  paymentSlaWorkingDays: number
  source: { document: string; clause: string }
}

export interface PolicySummary {
  id: string
  title: string
  department: string
  kind: PolicyKind
  mode: PolicyMode
  subjectType: SubjectType
  status?: 'published' | 'retired'
}

/** One condition of the rule, as the engine explains it (DESIGN.md §3). */
export interface MatchReason {
  label: string
  passed: boolean
  /** The fact values used, formatted for people (e.g. "稳定就业 8 个月"). */
  detail?: string
}

export interface Match {
  policyId: string
  title: string
  department: string
  kind: PolicyKind
  mode: PolicyMode
  eligible: boolean
  estimatedFen: Fen
  reasons: MatchReason[]
  /** Set when the subject already has an application or grant for this policy. */
  existing?: { kind: 'application' | 'grant'; id: string; status: string }
}

/** GET /v1/policies */
export const listPolicies = (cursor?: string) => call<Page<PolicySummary>>('GET', '/v1/policies', { query: { cursor } })

/** GET /v1/policies/{id} */
export const getPolicy = (id: string) => call<Policy>('GET', `/v1/policies/${encodeURIComponent(id)}`)

/** GET /v1/me/matches — policies the signed-in subject qualifies for. */
export const listMatches = () => call<{ items: Match[] }>('GET', '/v1/me/matches')
