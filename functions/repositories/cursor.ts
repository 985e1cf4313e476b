/**
 * Opaque list cursors (DESIGN §8): a small JSON value (often a DynamoDB LastEvaluatedKey),
 * signed and bound to the list it came from. Clients pass them back unchanged.
 *
 * Wire form: base64url( MAC₁₆ ‖ JSON ), MAC = HMAC-SHA256(cursorKey, list ‖ 0 ‖ JSON) cut to
 * 16 bytes. `list` names the list and its owner (e.g. `grants:bySubject:sub_…`), so a cursor
 * from /v1/grants is refused on /v1/applications, and one subject's cursor by another
 * subject's list. Anything that does not verify — foreign, tampered, truncated, unsigned
 * (the old plain base64url JSON) — is bad input (400), never a key handed to DynamoDB.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidInput } from '../../shared/errors';
import { cursorKey } from '../_lib/keys';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const MAC_BYTES = 16;

function mac(list: string, json: Buffer): Buffer {
  return createHmac('sha256', cursorKey())
    .update(list)
    .update('\0')
    .update(json)
    .digest()
    .subarray(0, MAC_BYTES);
}

const badCursor = () => invalidInput('分页游标无效', { reason: 'bad_cursor' });

export function encodeCursor(value: unknown, list: string): string {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  return Buffer.concat([mac(list, json), json]).toString('base64url');
}

export function decodeCursor<T>(
  cursor: string | undefined,
  check: (v: unknown) => v is T,
  list: string,
): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length <= MAC_BYTES) throw badCursor();
  const json = raw.subarray(MAC_BYTES);
  if (!timingSafeEqual(raw.subarray(0, MAC_BYTES), mac(list, json))) throw badCursor();
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!check(value)) throw badCursor();
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
