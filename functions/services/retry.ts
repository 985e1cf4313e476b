/**
 * Retrying what is safe to retry, and bounded concurrency for the schedules.
 * withRetry retries only a lost race: our optimistic-version CONFLICT, a transaction DynamoDB
 * cancelled for a TransactionConflict, or a write refused as a TransactionConflictException. The operation reloads and tries again, with
 * jittered exponential backoff so fifty racers do not collide in lockstep. Throttling and
 * 5xx are the SDK's to retry (its standard mode, maxAttempts in repositories/table.ts):
 * retrying them here too would multiply the attempts against a table that is already
 * overloaded. Anything else is final.
 */
import { DomainError } from '../../shared/errors';
import { businessMetrics } from '../_lib/metrics';

export function isConflict(e: unknown): boolean {
  if (e instanceof DomainError) return e.code === 'CONFLICT';
  // a single-item write that collided with a transaction in flight on the same item
  if ((e as { name?: string } | undefined)?.name === 'TransactionConflictException') return true;
  // A transaction cancelled only because another one touched the same items (repositories
  // turn this into CONFLICT; a raw one may still reach us). Any other reason is not a race.
  const reasons = (e as { CancellationReasons?: { Code?: string }[] } | undefined)
    ?.CancellationReasons;
  return (
    Array.isArray(reasons) &&
    reasons.some((r) => r.Code === 'TransactionConflict') &&
    reasons.every((r) => !r.Code || r.Code === 'None' || r.Code === 'TransactionConflict')
  );
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
      if (attempt >= attempts || !isConflict(e)) throw e;
      o.onRetry?.(e, attempt);
      // how often writes race shows hot items (one budget line for a whole run) before they
      // become CONFLICT answers or failed runs
      businessMetrics.conflictRetried();
      const cap = Math.min(o.maxMs ?? 2000, (o.baseMs ?? 10) * 2 ** attempt);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * cap) + 1));
    }
  }
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
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
