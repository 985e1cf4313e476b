/**
 * The only status table: DomainError codes → HTTP statuses, in the envelope of DESIGN.md §8.
 * Anything that is not a DomainError is our bug: logged, answered with a generic 500.
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { DomainError, type ErrorCode } from '../../../shared/errors';
import { logger } from '../../_lib/logger';

const STATUS: Record<ErrorCode, number> = {
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
  MATERIAL_NOT_FOUND: 422,
  MATERIAL_MISMATCH: 422,
};

export type Headers = Record<string, string>;

export function json(
  statusCode: number,
  body: unknown,
  headers: Headers = {},
): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function toHttp(e: unknown, headers: Headers = {}): APIGatewayProxyResultV2 {
  if (e instanceof DomainError)
    return json(STATUS[e.code], errorBody(e.code, e.message, e.details), headers);
  logger.error('unhandled error', {
    error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
  });
  return json(500, errorBody('INTERNAL', '系统繁忙，请稍后再试'), headers);
}
