/**
 * Frozen facts (issue 14): what a judgement used, kept so that every later explanation is
 * computed from it and not from today's facts. See shared/facts/frozen.ts for the shape and
 * functions/repositories/facts.ts for the immutable version records it names.
 */
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  factsInForce,
  inHashOrder,
  type Fact,
  type FrozenFacts,
  type IsoDate,
} from '../../shared/facts';
import type { PolicyId, SubjectId } from '../../shared/ids';
import { explanationView } from '../../shared/rules/explanation';
import type { Explanation as ExplanationView } from '../../shared/schemas/policy';
import { factDigest, factVersionsOf, type FactVersion } from '../repositories/facts';
import { policyCatalogue } from './catalogue';
import { policyOf } from './policy-ref';

/** hex SHA-256 of the canonical JSON of the records, in source order. */
export const frozenHashOf = (facts: readonly Fact[]): string =>
  createHash('sha256')
    .update(canonicalJson(inHashOrder(facts)))
    .digest('hex');

/** The facts in force on `asOf` (what the rules read), frozen by reference with their hash. */
export function freezeFacts(
  facts: readonly Fact[],
  asOf: IsoDate,
  policyVersion: number,
): { frozen: FrozenFacts; used: Fact[] } {
  const used = factsInForce(facts, asOf);
  return {
    frozen: {
      hash: frozenHashOf(used),
      asOf,
      policyVersion,
      facts: inHashOrder(used).map((f) => ({
        source: f.source,
        from: f.period.from,
        digest: factDigest(f),
      })),
    },
    used,
  };
}

/**
 * The frozen records read back from their versions, and whether they still hash to what was
 * frozen (they are immutable, so `intact` false means the store was tampered with).
 */
export async function thawFacts(
  subjectId: SubjectId,
  frozen: FrozenFacts,
): Promise<{ versions: FactVersion[]; facts: Fact[]; intact: boolean }> {
  const versions = await factVersionsOf(subjectId, frozen.facts);
  const facts = versions.map((v) => v.fact);
  return { versions, facts, intact: frozenHashOf(facts) === frozen.hash };
}

/**
 * The explanation of a judgement (an application's at submission, a grant's at detection)
 * computed from its frozen facts under the policy version it records, for the applicant,
 * the reviewer and the auditor alike; undefined for an item frozen before issue 14.
 */
export async function frozenExplanation(item: {
  subjectId: SubjectId;
  policyId: PolicyId;
  policyVersion: number;
  frozenFacts?: FrozenFacts;
}): Promise<{ explanation: ExplanationView; intact: boolean } | undefined> {
  if (!item.frozenFacts) return undefined;
  const [thawed, catalogue] = await Promise.all([
    thawFacts(item.subjectId, item.frozenFacts),
    policyCatalogue(),
  ]);
  return {
    explanation: explanationView(
      catalogue.evaluate(policyOf(catalogue, item), thawed.facts, item.frozenFacts.asOf),
    ),
    intact: thawed.intact,
  };
}
