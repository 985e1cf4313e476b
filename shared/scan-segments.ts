/**
 * How many parallel-scan segments a run over the subject space gets when its caller names
 * none (issue 16). Sized by the currentFacts index, not fixed: measured on DynamoDB Local, a
 * segment of one page never overlaps its read-ahead with its writes and a rerun cancels a
 * transaction on every page (64 segments at 20,000 subjects: 0.504× the write ceiling, where
 * 8 made 0.615×), while a few large segments seek ever slower (8 segments at 100,000: 0.515×,
 * 64: 0.616–0.642×). Both good cases hold about three pages of 2,000 facts a segment.
 */

/** About three scan pages (SCAN_PAGE_FACTS = 2,000): ~1,700 subjects at ~3.5 facts each. */
export const FACTS_PER_SEGMENT = 6_000;
/** Never fewer: an in-process run works four segments at a time. */
export const MIN_SEGMENTS = 4;
/** The most a run may have (StartRunBody.totalSegments' bound; on AWS one SQS message each). */
export const MAX_SEGMENTS = 1_000;
/** When the index's size is unknown: what served a county's 100,000 subjects. */
export const UNSIZED_SEGMENTS = 64;

/** Segments for an index of `indexedFacts` current facts (undefined: its size is unknown). */
export function segmentsFor(indexedFacts: number | undefined): number {
  if (indexedFacts === undefined || !Number.isFinite(indexedFacts) || indexedFacts < 0) {
    return UNSIZED_SEGMENTS;
  }
  const wanted = Math.ceil(indexedFacts / FACTS_PER_SEGMENT);
  return Math.min(MAX_SEGMENTS, Math.max(MIN_SEGMENTS, wanted));
}
