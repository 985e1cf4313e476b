/**
 * Catalogue policies are named `startup-grant` in URLs and in the catalogue; applications
 * store the branded PolicyId `pol_startup-grant` (shared/ids) with the version they were
 * judged by. These two functions are the only translation between them.
 */
import { notFound } from '../../shared/errors';
import { deterministicId, type PolicyId } from '../../shared/ids';
import type { PolicyCatalogue, PolicyVersion } from '../../shared/policies';

export const policyRef = (catalogueId: string): PolicyId => deterministicId('policy', catalogueId);
export const catalogueIdOf = (ref: PolicyId): string => ref.slice('pol_'.length);

/** The policy version an application was judged by (retired or not). */
export function policyOf(
  catalogue: PolicyCatalogue,
  app: { policyId: PolicyId; policyVersion: number },
): PolicyVersion {
  const p = catalogue.find(catalogueIdOf(app.policyId), app.policyVersion);
  if (!p) throw notFound('政策');
  return p;
}
