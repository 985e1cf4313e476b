/**
 * The only status table: DomainError codes → HTTP statuses (DESIGN.md §8). The HTTP wrapper
 * answers with it (functions/http/_lib/to-http.ts) and the OpenAPI document lists it.
 */
import type { ErrorCode } from '../errors';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WRONG_STATE: 409,
  DUPLICATE: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  NOT_ELIGIBLE: 422,
  OVER_CAP: 422,
  BUDGET_EXHAUSTED: 422,
  CALENDAR_UNKNOWN: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  ACCOUNT_REQUIRED: 422,
  VERIFICATION_FAILED: 422,
  GOLDEN_CASE_FAILED: 422,
};
