/**
 * Frozen facts (issue 14, DESIGN §14): when an application is submitted or a grant detected,
 * the fact records the rules read are frozen with it — by reference, not by copy: each
 * record's digest (SHA-256 of its canonical JSON) names an immutable fact-version record in
 * the subject's partition (functions/repositories/facts.ts), and `hash` is the SHA-256 of the
 * canonical JSON of the records themselves, in source order. Every explanation shown later
 * is computed from these records, as of `asOf`, under `policyVersion`.
 *
 * Hashing needs a digest function the mini-app does not have, so it is done by the caller
 * (functions/services/frozen-facts.ts); this module only says what is hashed.
 */
import type { Fact } from './fact';
import type { FactSource } from './sources';
import type { IsoDate } from './dates';

export type FrozenFactRef = {
  readonly source: FactSource;
  /** the period start: with subject and source, the fact's identity */
  readonly from: IsoDate;
  /** hex SHA-256 of the record's canonical JSON: the version record's name */
  readonly digest: string;
};

export type FrozenFacts = {
  /** hex SHA-256 of canonicalJson(the records, in source order) */
  readonly hash: string;
  readonly asOf: IsoDate;
  readonly policyVersion: number;
  readonly facts: readonly FrozenFactRef[];
};

/** JSON with object keys sorted at every level: equal values give equal text (and digest). */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The records in the order they are hashed (by source; one per source as of a date). */
export const inHashOrder = (facts: readonly Fact[]): Fact[] =>
  [...facts].sort((a, b) =>
    a.source === b.source ? (a.period.from < b.period.from ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
