/**
 * Opaque list cursors (DESIGN §8): base64url of a small JSON value. Clients pass them back
 * unchanged; anything that does not decode to the expected shape is bad input, never a 500.
 */
import { invalidInput } from '../../shared/errors';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidInput('分页游标无效');
  }
  if (!check(value)) throw invalidInput('分页游标无效');
  return value;
}

/** A DynamoDB LastEvaluatedKey: a flat record of string key attributes. */
export function isKey(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length > 0 &&
    Object.keys(v).length <= 6 &&
    Object.values(v).every((x) => typeof x === 'string' && x.length < 400)
  );
}
