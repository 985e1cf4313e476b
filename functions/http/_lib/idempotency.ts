/**
 * The HTTP wrapper's idempotency records (DESIGN §8 `Idempotency-Key`): a write runs at most
 * once per (user, scope, key). The operation receives `guard(view)`: the transaction item that
 * stores the answer, which the service writes in the SAME transaction as the change. A replay
 * with the same body gets the stored answer; the same key with a different body is refused
 * (DUPLICATE, reason IDEMPOTENCY_MISMATCH). Concurrent duplicates: all but one lose a
 * conditional write, then read the winner's record and return its answer — so N parallel taps
 * give N equal answers, one change. The status is the route contract's; services never see it.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import {
  findIdempotencyRecord,
  idempotencyItem,
  KEY_TAKEN,
  type IdempotencyScope,
} from '../../repositories/idempotency';
import type { Guard } from '../../services/idempotency';

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

/** `supplement:{id}` with `{id: 'app_1'}` → `supplement:app_1`. */
export function scopeOf(template: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

const retryable = (e: unknown) =>
  e instanceof DomainError &&
  (e.code === 'CONFLICT' ||
    (e.code === 'DUPLICATE' &&
      (e.details as { reason?: string } | undefined)?.reason === KEY_TAKEN));

export async function once<V>(
  o: { userId: string; scope: string; key: string; request: unknown; status: number },
  operation: (guard: Guard) => Promise<V>,
): Promise<V> {
  const scope: IdempotencyScope = { userId: o.userId, scope: o.scope, key: o.key };
  const hash = requestHash(o.request);
  for (let attempt = 0; ; attempt++) {
    const stored = await replay(scope, hash);
    if (stored) return stored.body as V;
    try {
      return await operation((view) => [
        idempotencyItem(scope, { requestHash: hash, status: o.status, body: view }),
      ]);
    } catch (e) {
      // A concurrent twin may have committed meanwhile, making this attempt fail for a
      // reason of its own (open application, wrong state, lost race): answer as the twin did.
      const won = e instanceof DomainError ? await replay(scope, hash) : undefined;
      if (won) return won.body as V;
      if (!retryable(e) || attempt >= ATTEMPTS - 1) throw e;
      await pause(attempt);
    }
  }
}

async function replay(
  scope: IdempotencyScope,
  hash: string,
): Promise<{ body: unknown } | undefined> {
  const stored = await findIdempotencyRecord(scope);
  if (!stored) return undefined;
  if (stored.requestHash !== hash) {
    throw new DomainError('DUPLICATE', '同一 Idempotency-Key 已用于内容不同的请求', {
      reason: 'IDEMPOTENCY_MISMATCH',
    });
  }
  return { body: stored.body };
}
