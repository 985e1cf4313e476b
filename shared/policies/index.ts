/**
 * The policy catalogue and its lookups. Versions are immutable; when a policy changes a new
 * version is published. At run time the catalogue is the table's (a `PolicyCatalogue` snapshot
 * loaded by functions/services/catalogue.ts); `SEED_CATALOGUE`, `findPolicy` and
 * `listPolicies` are the seed documents as shipped, which bootstrap publishes as version 1 and
 * the golden tests judge.
 */
import { CATALOGUE } from './catalogue';
import { PolicyCatalogue } from './policy-catalogue';
import { SEED_PARAMETERS } from './seed-parameters';
import type { PolicyVersion } from './types';

export * from './types';
export * from './parameters';
export * from './policy-catalogue';
export * from './check';
export * from './golden-cases';
export { SEED_PARAMETERS, SEED_PARAM_VALUES } from './seed-parameters';
export { CATALOGUE } from './catalogue';

export const SEED_CATALOGUE = new PolicyCatalogue(
  CATALOGUE.map((document) => ({ document, status: 'published' as const })),
  SEED_PARAMETERS,
);

/** The latest version of a seed policy, or a given version; undefined if there is none. */
export function findPolicy(id: string, version?: number): PolicyVersion | undefined {
  return SEED_CATALOGUE.find(id, version);
}

/** The latest version of every seed policy, in catalogue order (POLICIES.md §A–D). */
export function listPolicies(): readonly PolicyVersion[] {
  return SEED_CATALOGUE.list();
}
