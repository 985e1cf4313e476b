/**
 * The policy catalogue and its lookups. Versions are immutable; when a policy changes a new
 * version is added and the latest one is what `findPolicy` returns.
 */
import { CATALOGUE } from './catalogue';
import type { PolicyVersion } from './types';

export * from './types';
export { CATALOGUE } from './catalogue';

/** The latest version of a policy, or a given version; undefined if there is none. */
export function findPolicy(id: string, version?: number): PolicyVersion | undefined {
  const versions = CATALOGUE.filter(
    (p) => p.id === id && (version === undefined || p.version === version),
  );
  return versions.reduce<PolicyVersion | undefined>(
    (best, p) => (best && best.version >= p.version ? best : p),
    undefined,
  );
}

/** The latest version of every policy, in catalogue order (POLICIES.md §A–D). */
export function listPolicies(): readonly PolicyVersion[] {
  const ids = [...new Set(CATALOGUE.map((p) => p.id))];
  return ids.map((id) => findPolicy(id) as PolicyVersion);
}
