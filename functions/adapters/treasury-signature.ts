/**
 * HMAC-SHA256 signatures between Zhida and the treasury gateway, both ways (DESIGN §11 "the
 * treasury is never guessed at"): our orders and status queries are signed, and the
 * gateway's callbacks are verified with the same code. The local fake (infra/fakes/treasury.ts)
 * imports this module too, so both sides agree by construction.
 *
 * Canonical string, one field per line:
 *
 *   <METHOD>\n<path as sent, with its query string>\n<timestamp>\n<hex SHA-256 of the raw body bytes>
 *
 * Headers: `x-zhida-timestamp` (Unix seconds, real time — never the demo's shifted business
 * clock) and `x-zhida-signature` (lowercase hex HMAC-SHA256 of the canonical string with
 * TREASURY_HMAC_SECRET). A signature older or newer than MAX_CLOCK_SKEW_SECONDS is refused;
 * inside that window a replay is harmless, since every answer is applied idempotently by key.
 *
 * Server-side code only (node:crypto): shared/ is bundled into the mini-app and must never
 * import this file.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-zhida-timestamp';
export const SIGNATURE_HEADER = 'x-zhida-signature';
/** How far a signer's clock may be from ours, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** A secret shorter than this is a configuration mistake, refused at start. */
export const MIN_SECRET_LENGTH = 32;

export interface SignedParts {
  method: string;
  /** the request path as sent, e.g. `/payments/grt_x%3A1`, including `?query` if any */
  path: string;
  /** the exact body bytes sent ('' for none) */
  body: string;
}

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'missing_signature' | 'malformed_signature' | 'stale_timestamp' | 'bad_signature';
    };

export function canonicalString(parts: SignedParts, timestamp: string): string {
  const bodyHash = createHash('sha256').update(parts.body, 'utf8').digest('hex');
  return `${parts.method.toUpperCase()}\n${parts.path}\n${timestamp}\n${bodyHash}`;
}

export function signature(secret: string, parts: SignedParts, timestamp: string): string {
  return createHmac('sha256', secret)
    .update(canonicalString(parts, timestamp), 'utf8')
    .digest('hex');
}

/** The two headers that sign a request at `nowMs` (real time). */
export function signRequest(
  secret: string,
  parts: SignedParts,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature(secret, parts, timestamp) };
}

type HeaderBag = Record<string, string | string[] | undefined>;

/** A header by name, whatever its case (API Gateway lower-cases, a test may not). */
function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** Checks a request's signature in constant time, and that it was made within the allowed skew of `nowMs`. */
export function verifyRequest(
  secret: string,
  parts: SignedParts,
  headers: HeaderBag | undefined,
  nowMs: number,
  maxSkewSeconds = MAX_CLOCK_SKEW_SECONDS,
): VerifyResult {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const given = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !given) return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(given))
    return { ok: false, reason: 'malformed_signature' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxSkewSeconds)
    return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(signature(secret, parts, timestamp), 'hex');
  const actual = Buffer.from(given, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual)
    ? { ok: true }
    : { ok: false, reason: 'bad_signature' };
}

/** TREASURY_HMAC_SECRET, shared with the gateway (required to deploy, see serverless.yml). */
export function treasurySecret(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.TREASURY_HMAC_SECRET;
  if (!value || value.length < MIN_SECRET_LENGTH)
    throw new Error(`TREASURY_HMAC_SECRET must be set (≥ ${MIN_SECRET_LENGTH} chars)`);
  return value;
}
