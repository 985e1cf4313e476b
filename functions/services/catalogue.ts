/**
 * The policy catalogue as the services see it: a `PolicyCatalogue` snapshot of the table's
 * published versions and parameters (one Query), cached per container for a short time. A
 * write through this container (publish, retire, a parameter) drops the cache at once; other
 * containers see it within the TTL. Services `await policyCatalogue()` once, then call the
 * pure functions with it.
 */
import { seedParameter, seedPublishedVersion } from '../../shared/lifecycle/policy-version';
import {
  CATALOGUE,
  PolicyCatalogue,
  SEED_PARAMETERS,
  type CatalogueEntry,
  type Parameter,
  type PolicyVersion,
} from '../../shared/policies';
import type { Instant } from '../../shared/calendar';
import { loadCatalogueItems, putSeedCatalogue } from '../repositories/policies';
import { tableName } from '../repositories/table';

const DEFAULT_TTL_MS = 30_000;

let cached: { table: string; at: number; catalogue: Promise<PolicyCatalogue> } | undefined;

function ttlMs(): number {
  const v = Number(process.env.POLICY_CATALOGUE_TTL_MS);
  return Number.isFinite(v) && v >= 0 ? v : DEFAULT_TTL_MS;
}

async function load(): Promise<PolicyCatalogue> {
  const { versions, parameters } = await loadCatalogueItems();
  const entries: CatalogueEntry[] = [];
  for (const v of versions) {
    if (v.status === 'published' || v.status === 'retired')
      entries.push({ document: v.document, status: v.status });
  }
  return new PolicyCatalogue(entries, parameters);
}

/** The published catalogue (cached per container for POLICY_CATALOGUE_TTL_MS, default 30 s). */
export function policyCatalogue(): Promise<PolicyCatalogue> {
  const table = tableName();
  const now = performance.now();
  if (cached && cached.table === table && now - cached.at < ttlMs()) return cached.catalogue;
  const catalogue = load();
  cached = { table, at: now, catalogue };
  catalogue.catch(() => {
    if (cached?.catalogue === catalogue) cached = undefined;
  });
  return catalogue;
}

/** After a write to the catalogue: the next request reads it again. */
export function invalidateCatalogue(): void {
  cached = undefined;
}

/**
 * Bootstrap (local start, test tables): the 16 seed documents as published version 1 and
 * the seed parameters, unless the table already has them.
 */
export async function seedCatalogue(
  now: Instant,
  extra: { documents: readonly PolicyVersion[]; parameters: readonly Parameter[] } = {
    documents: [],
    parameters: [],
  },
): Promise<{ versions: number; parameters: number }> {
  const docs = [...CATALOGUE, ...extra.documents];
  const written = await putSeedCatalogue(
    docs.map((d, order) => ({ ...seedPublishedVersion(d, [], now), order })),
    [...SEED_PARAMETERS, ...extra.parameters].map((p) => seedParameter(p, now)),
  );
  invalidateCatalogue();
  return written;
}
