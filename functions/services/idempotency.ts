/**
 * What a service writes for the HTTP wrapper's idempotency record (functions/http/_lib/
 * idempotency.ts): `guard(view)` gives the transaction items that store the view it answers,
 * to be saved in the same transaction as the change. Without an Idempotency-Key it gives none.
 */
import type { DomainError } from '../../shared/errors';
import type { TransactItem } from '../repositories/table';

export type Guard = (
  view: unknown,
) => { item: TransactItem; onConditionFailed: () => DomainError }[];

/** No Idempotency-Key (or a caller that is not HTTP): nothing to record. */
export const noGuard: Guard = () => [];
