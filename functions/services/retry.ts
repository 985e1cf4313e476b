/**
 * Retrying what is safe to retry, and bounded concurrency for the schedules.
 * CONFLICT (an optimistic version or a transaction lost a race) and DynamoDB throttling
 * are transient: the operation reloads and tries again, with jittered exponential
 * backoff so fifty racers do not collide in lockstep. Anything else is final.
 */
import { DomainError } from '../../shared/errors';

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
]);

export function isTransient(e: unknown): boolean {
  if (e instanceof DomainError) return e.code === 'CONFLICT';
  const name = (e as { name?: string } | undefined)?.name ?? '';
  if (THROTTLING.has(name)) return true;
  // A transaction cancelled only for conflicts or throttling (not a condition) is transient too.
  const reasons = (e as { CancellationReasons?: { Code?: string }[] } | undefined)?.CancellationReasons;
  return Array.isArray(reasons) && reasons.length > 0 && reasons.every((r) => !r.Code || r.Code === 'None' || r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError');
}

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  onRetry?: (e: unknown, attempt: number) => void;
}

export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 12;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isTransient(e)) throw e;
      o.onRetry?.(e, attempt);
      const cap = Math.min(o.maxMs ?? 2000, (o.baseMs ?? 10) * 2 ** attempt);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * cap) + 1));
    }
  }
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Counts outcomes by name: `{ payable: 10, budget_exhausted: 40 }`. */
export function tally<K extends string>(outcomes: readonly K[]): Partial<Record<K, number>> {
  const t: Partial<Record<K, number>> = {};
  for (const o of outcomes) t[o] = (t[o] ?? 0) + 1;
  return t;
}
