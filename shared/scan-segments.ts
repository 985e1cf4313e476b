/**
 * How many parallel-scan segments a run over the subject space gets when its caller names
 * none (issue 16). Sized by the currentFacts index, not fixed. Measured on DynamoDB Local:
 * a few large segments seek ever slower (8 segments at 100,000 subjects: 0.515× the write
 * ceiling; 64: 0.616–0.642×; sized, 59: the same 326 subjects/s), and many one-page segments
 * make a rerun cancel a transaction on every page (run 2 at 20,000 subjects: 39.7 s in 64
 * segments, 19.9 s sized to 12). Run 1 at 20,000 read ~0.5× with 64 and with 12 alike: the
 * count does not explain that one. On AWS the count is also the number of workers, so a
 * province gets up to 1,000 of them instead of a constant.
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
