/**
 * The seed policies (POLICIES.md §A–D) as parsed documents. Each version is parsed and
 * compiled when this module loads, so a data file with an unknown fact path or an ill-typed
 * rule stops the process at start-up (and the tests) instead of misjudging an applicant.
 */
import { SEED_DOCUMENTS } from './data';
import { parsePolicyVersion, type PolicyVersion } from './types';

export const CATALOGUE: readonly PolicyVersion[] = SEED_DOCUMENTS.map((p) =>
  Object.freeze(parsePolicyVersion(p)),
);
