/**
 * DomainErrors → HTTP answers in the envelope of DESIGN.md §8, with the one status table of
 * shared/contracts/status.ts.
 * Anything that is not a DomainError is our bug: logged, answered with a generic 500.
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { ERROR_STATUS } from '../../../shared/contracts/status';
import { DomainError } from '../../../shared/errors';
import { logger } from '../../_lib/logger';

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
    return json(ERROR_STATUS[e.code], errorBody(e.code, e.message, e.details), headers);
  logger.error('unhandled error', {
    error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
  });
  return json(500, errorBody('INTERNAL', '系统繁忙，请稍后再试'), headers);
}
