/** /v1/loans (创业担保贷款, issue 13), typed and parsed by shared/schemas/loan. */
import {
  LoanDetail,
  LoanList,
  type ApplyLoanBody,
  type BankEvent,
  type EligibilityBody,
  type GuaranteeBody,
  type LendingBody,
  type LoanListQuery,
} from '@shared/schemas/loan';
import type * as schemas from '@shared/schemas/loan';
import type { MaterialRef } from '@shared/schemas/application';
import type { z } from 'zod';
import { call, withQuery } from './client';

export type { LoanDetail, LoanList, LoanSummary } from '@shared/schemas/loan';
export type LendingApprove = Extract<LendingBody, { decision: 'approve' }>;
/** The apply body as the form builds it (the policy id defaults on the server). */
export type ApplyLoanInput = z.input<typeof schemas.ApplyLoanBody>;

const byId = (id: string) => `/v1/loans/${encodeURIComponent(id)}`;

/** POST /v1/loans — apply (201 with the detail). */
export const applyForLoan = (body: ApplyLoanInput | ApplyLoanBody, idempotencyKey: string) =>
  call('POST', '/v1/loans', LoanDetail, body, idempotencyKey);

/** GET /v1/loans — own (borrower), the step's queue (staff; the bank also its active loans). */
export const listLoans = (query: LoanListQuery = {}) =>
  call('GET', withQuery('/v1/loans', query), LoanList);

/** GET /v1/loans/{id} — in full, with the timeline. */
export const getLoan = (id: string) => call('GET', byId(id), LoanDetail);

/** POST /v1/loans/{id}/supplement — 容缺 materials or the counter-guarantee material. */
export const supplementLoan = (id: string, materials: MaterialRef[], idempotencyKey: string) =>
  call('POST', `${byId(id)}/supplement`, LoanDetail, { materials }, idempotencyKey);

/** POST /v1/loans/{id}/eligibility — 人社局. */
export const decideEligibility = (id: string, body: EligibilityBody, idempotencyKey: string) =>
  call('POST', `${byId(id)}/eligibility`, LoanDetail, body, idempotencyKey);

/** POST /v1/loans/{id}/guarantee — 担保公司. */
export const decideGuarantee = (
  id: string,
  body: z.input<typeof schemas.GuaranteeBody> | GuaranteeBody,
  idempotencyKey: string,
) => call('POST', `${byId(id)}/guarantee`, LoanDetail, body, idempotencyKey);

/** POST /v1/loans/{id}/lending — 合作银行 approves with the contract, or refuses. */
export const decideLending = (id: string, body: LendingBody, idempotencyKey: string) =>
  call('POST', `${byId(id)}/lending`, LoanDetail, body, idempotencyKey);

/** POST /v1/loans/{id}/bank-events — a repayment, arrears, deferral… (once per bank reference). */
export const recordBankEvent = (id: string, body: BankEvent, idempotencyKey: string) =>
  call('POST', `${byId(id)}/bank-events`, LoanDetail, body, idempotencyKey);
