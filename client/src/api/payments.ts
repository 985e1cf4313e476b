/** /v1/payments. Types are local until shared/schemas carries them. */
import type { Fen } from '@shared/money'
import { call, type Page } from './client'

/** returned = 退票. */
export type PaymentStatus = 'pending' | 'paying' | 'paid' | 'returned' | 'failed' | 'cancelled'

export interface Payment {
  id: string
  /** The application or grant paid. */
  itemId: string
  itemKind: 'application' | 'grant' | 'loan_interest'
  policyTitle: string
  amountFen: Fen
  status: PaymentStatus
  accountMasked?: string
  createdAt: string
  paidAt?: string
}

/** GET /v1/payments */
export const listPayments = (cursor?: string) => call<Page<Payment>>('GET', '/v1/payments', { query: { cursor } })
