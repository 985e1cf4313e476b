/** /v1/loans (创业担保贷款, issue 13), by their route contracts (shared/contracts/loans). */
import type { z } from 'zod';
import type * as schemas from '@shared/schemas/loan';
import type { MaterialRef } from '@shared/schemas/application';
import * as routes from '@shared/contracts/loans';
import { call } from './client';

export type { LoanDetail, LoanSummary } from '@shared/schemas/loan';
type In<S extends z.ZodType> = z.input<S>;
/** The apply body as the form builds it (the policy id defaults on the server). */
export type ApplyLoanInput = In<typeof schemas.ApplyLoanBody>;

/** POST /v1/loans — apply (201 with the detail). */
export const applyForLoan = (body: ApplyLoanInput, idempotencyKey: string) =>
  call(routes.applyLoan, { body, idempotencyKey });

/** GET /v1/loans — own (borrower), the step's queue (staff; the bank also its active loans). */
export const listLoans = (query: In<typeof schemas.LoanListQuery> = {}) =>
  call(routes.listLoans, { query });

/** GET /v1/loans/{id} — in full, with the timeline. */
export const getLoan = (id: string) => call(routes.getLoan, { params: { id } });

/** POST /v1/loans/{id}/supplement — 容缺 materials or the counter-guarantee material. */
export const supplementLoan = (id: string, materials: MaterialRef[], idempotencyKey: string) =>
  call(routes.supplementLoan, { params: { id }, body: { materials }, idempotencyKey });

/** POST /v1/loans/{id}/eligibility — 人社局. */
export const decideEligibility = (
  id: string,
  body: In<typeof schemas.EligibilityBody>,
  idempotencyKey: string,
) => call(routes.decideLoanEligibility, { params: { id }, body, idempotencyKey });

/** POST /v1/loans/{id}/guarantee — 担保公司. */
export const decideGuarantee = (
  id: string,
  body: In<typeof schemas.GuaranteeBody>,
  idempotencyKey: string,
) => call(routes.decideLoanGuarantee, { params: { id }, body, idempotencyKey });

/** POST /v1/loans/{id}/lending — 合作银行 approves with the contract, or refuses. */
export const decideLending = (
  id: string,
  body: In<typeof schemas.LendingBody>,
  idempotencyKey: string,
) => call(routes.decideLoanLending, { params: { id }, body, idempotencyKey });

/** POST /v1/loans/{id}/bank-events — a repayment, arrears, deferral… (once per bank reference). */
export const recordBankEvent = (
  id: string,
  body: In<typeof schemas.BankEvent>,
  idempotencyKey: string,
) => call(routes.recordLoanBankEvent, { params: { id }, body, idempotencyKey });
