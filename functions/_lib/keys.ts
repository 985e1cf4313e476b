/**
 * Secret keys the functions derive things with, read from the environment on use (so a
 * missing key fails the first operation that needs it with a clear message, and tests may
 * switch keys between cases).
 *
 * - SUBJECT_ID_KEY (≥ 32 chars, required to deploy): keys the SubjectId, an HMAC of the
 *   official code. It is fixed for the life of a table: another key gives other ids.
 * - cursors are signed with a key derived from SESSION_SECRET (HMAC with a label, so it is
 *   never the session key itself). A cursor lives for one browsing session, and rotating
 *   the session secret already ends every session, so no separate deploy variable is needed.
 */
import { createHmac } from 'node:crypto';

const MIN_KEY_CHARS = 32;

function required(name: string, purpose: string): string {
  const value = process.env[name];
  if (!value || value.length < MIN_KEY_CHARS) {
    throw new Error(`${name} must be set (≥ ${MIN_KEY_CHARS} chars): ${purpose}`);
  }
  return value;
}

/** The key of subject ids. Throws when SUBJECT_ID_KEY is missing or short. */
export function subjectIdKey(): string {
  return required(
    'SUBJECT_ID_KEY',
    'it keys every SubjectId (HMAC of the 统一社会信用代码 / 居民身份证号)',
  );
}

/** The key list cursors are signed with, derived from SESSION_SECRET. */
export function cursorKey(): Buffer {
  const session = required('SESSION_SECRET', 'it signs session tokens and, derived, list cursors');
  return createHmac('sha256', session).update('zhida/list-cursor/v1').digest();
}

/**
 * A keyed, one-way reference to a contact (a public objector's phone, a caller's IP address)
 * for counters and limits (issue 14): never stored in clear. Keyed by SUBJECT_ID_KEY under a
 * label, so it is not the subject-id HMAC, and a table's references stay stable for its life.
 */
export function contactRef(kind: 'phone' | 'ip', value: string): string {
  return createHmac('sha256', subjectIdKey())
    .update(`zhida/contact/${kind}/v1\0${value}`)
    .digest('base64url')
    .slice(0, 32);
}
