/**
 * Runs a write at most once per (user, scope, Idempotency-Key). The operation receives
 * `guard(response)`: the transaction item that stores the response, to be written in the
 * same transaction as the change. A replay with the same body returns the stored response;
 * the same key with a different body is refused (DUPLICATE, reason IDEMPOTENCY_MISMATCH).
 * Concurrent duplicates: all but one lose a conditional write, then read the winner's
 * record and return its response — so N parallel taps give N equal answers, one change.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../shared/errors';
import {
  findIdempotencyRecord,
  idempotencyItem,
  KEY_TAKEN,
  type IdempotencyScope,
} from '../repositories/idempotency';
import type { TransactItem } from '../repositories/table';
import type { Reply } from '../http/_lib/http-handler';

export type Guard = (
  reply: Reply,
) => { item: TransactItem; onConditionFailed: () => DomainError }[];

const ATTEMPTS = 6;
const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, 15 * 2 ** attempt + Math.floor(Math.random() * 20)));

/** Stable hash of a JSON body: key order does not matter. */
export function requestHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body) ?? null))
    .digest('base64url');
}

const retryable = (e: unknown) =>
  e instanceof DomainError &&
  (e.code === 'CONFLICT' ||
    (e.code === 'DUPLICATE' &&
      (e.details as { reason?: string } | undefined)?.reason === KEY_TAKEN));

export async function once(
  o: {
    userId: string;
    scope: string;
    key: string | undefined;
    request: unknown;
    /** unused: records expire on real time */ now?: Date;
  },
  operation: (guard: Guard) => Promise<Reply>,
): Promise<Reply> {
  if (o.key === undefined) return operation(() => []);
  const scope: IdempotencyScope = { userId: o.userId, scope: o.scope, key: o.key };
  const hash = requestHash(o.request);
  for (let attempt = 0; ; attempt++) {
    const stored = await replay(scope, hash);
    if (stored) return stored;
    try {
      return await operation((reply) => [
        idempotencyItem(scope, { requestHash: hash, status: reply.status, body: reply.body }),
      ]);
    } catch (e) {
      // A concurrent twin may have committed meanwhile, making this attempt fail for a
      // reason of its own (open application, wrong state, lost race): answer as the twin did.
      const won = e instanceof DomainError ? await replay(scope, hash) : undefined;
      if (won) return won;
      if (!retryable(e) || attempt >= ATTEMPTS - 1) throw e;
      await pause(attempt);
    }
  }
}

async function replay(scope: IdempotencyScope, hash: string): Promise<Reply | undefined> {
  const stored = await findIdempotencyRecord(scope);
  if (!stored) return undefined;
  if (stored.requestHash !== hash) {
    throw new DomainError('DUPLICATE', '同一 Idempotency-Key 已用于内容不同的请求', {
      reason: 'IDEMPOTENCY_MISMATCH',
    });
  }
  return { status: stored.status, body: stored.body };
}
