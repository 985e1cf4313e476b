/**
 * Branded ids. A PolicyId cannot be passed where an ApplicationId is expected,
 * and the prefix makes a stray id in a log line self-describing.
 *
 * shared/ never creates randomness or reads the clock (STYLE §11): a domain
 * operation that mints an id receives a `NewId` function. functions/ builds
 * one with `makeNewId({ nowMs: Date.now, randomBytes: crypto.randomBytes })`;
 * tests use `sequentialNewId()` so golden outputs stay deterministic.
 */
import { z } from 'zod';

declare const idBrand: unique symbol;
export type Id<K extends IdKind> = string & { readonly [idBrand]: K };

/** Prefix per kind: short, lower-case, stable (it is stored in keys). */
export const ID_PREFIX = {
  application: 'app',
  grant: 'grt',
  payment: 'pay',
  loan: 'loan',
  interest: 'int',
  policy: 'pol',
  subject: 'sub',
  user: 'usr',
  run: 'run',
  objection: 'obj',
  paymentBatch: 'bat',
} as const;
export type IdKind = keyof typeof ID_PREFIX;

export type ApplicationId = Id<'application'>;
export type GrantId = Id<'grant'>;
export type PaymentId = Id<'payment'>;
export type LoanId = Id<'loan'>;
/** 贴息 record, one per loan per quarter. */
export type InterestRecordId = Id<'interest'>;
export type PolicyId = Id<'policy'>;
export type SubjectId = Id<'subject'>;
export type UserId = Id<'user'>;
export type RunId = Id<'run'>;
export type ObjectionId = Id<'objection'>;
export type PaymentBatchId = Id<'paymentBatch'>;

/** Mints a fresh id of the given kind. Injected into every operation that creates a record. */
export type NewId = <K extends IdKind>(kind: K) => Id<K>;

/** Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10; // 50 bits of milliseconds: enough until the year 37000
const RANDOM_CHARS = 16; // 80 bits: collisions are negligible even per millisecond

/** Minted ids are `prefix_BASE32`; derived ids join their parts with `~` (never `#`, the key separator). */
const ID_PATTERN = /^[a-z]+_[0-9A-Za-z_.~-]{1,160}$/;

export interface IdSource {
  nowMs: () => number;
  randomBytes: (n: number) => Uint8Array;
}

function encodeTime(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`bad clock value: ${ms}`);
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < RANDOM_CHARS; i++) out += ALPHABET.charAt((bytes[i] ?? 0) % 32);
  return out;
}

/**
 * ULID-like ids (`app_01JC…`): time first so ids of one kind sort by creation,
 * which keeps DynamoDB sort keys roughly chronological.
 */
export function makeNewId(source: IdSource): NewId {
  return <K extends IdKind>(kind: K): Id<K> =>
    `${ID_PREFIX[kind]}_${encodeTime(source.nowMs())}${encodeRandom(source.randomBytes(RANDOM_CHARS))}` as Id<K>;
}

/** Deterministic ids for tests and seeds: `app_000001`, `app_000002`, … (one counter per kind). */
export function sequentialNewId(): NewId {
  const counters = new Map<IdKind, number>();
  return <K extends IdKind>(kind: K): Id<K> => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${ID_PREFIX[kind]}_${String(n).padStart(6, '0')}` as Id<K>;
  };
}

/** Parse an id from outside (path parameter, stored item); checks the prefix. */
export function parseId<K extends IdKind>(kind: K, raw: string): Id<K> {
  if (!ID_PATTERN.test(raw) || !raw.startsWith(`${ID_PREFIX[kind]}_`)) {
    throw new RangeError(`not a ${kind} id: ${raw}`);
  }
  return raw as Id<K>;
}

/** zod schema for an id of one kind (for shared/schemas). */
export function idSchema<K extends IdKind>(kind: K) {
  return z
    .string()
    .regex(ID_PATTERN)
    .refine((s) => s.startsWith(`${ID_PREFIX[kind]}_`), { error: `不是有效的${kind}编号` })
    .transform((s) => s as Id<K>);
}

/**
 * An id derived from a domain identity rather than minted, for records that
 * must exist at most once (DESIGN §4: a grant per (policy, subject, period);
 * 贴息 per loan per quarter). Re-running a schedule then collides on the key.
 */
export function deterministicId<K extends IdKind>(kind: K, ...parts: readonly string[]): Id<K> {
  for (const part of parts) {
    if (!/^[0-9A-Za-z_.-]+$/.test(part))
      throw new RangeError(`id part must be [0-9A-Za-z_.-]: ${part}`);
  }
  return `${ID_PREFIX[kind]}_${parts.join('~')}` as Id<K>;
}
