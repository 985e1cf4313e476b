import {
  FACTS_PER_SEGMENT,
  MAX_SEGMENTS,
  MIN_SEGMENTS,
  segmentsFor,
  UNSIZED_SEGMENTS,
} from './scan-segments';

describe('segmentsFor', () => {
  it('gives a county about three pages a segment', () => {
    // the bench's populations: ~3.53 facts a subject
    expect(segmentsFor(70_600)).toBe(12); // 20,000 subjects
    expect(segmentsFor(353_000)).toBe(59); // 100,000 subjects
    expect(segmentsFor(FACTS_PER_SEGMENT * 10)).toBe(10);
    expect(segmentsFor(FACTS_PER_SEGMENT * 10 + 1)).toBe(11);
  });

  it('keeps every in-process lane busy on a small index, empty included', () => {
    expect(segmentsFor(0)).toBe(MIN_SEGMENTS);
    expect(segmentsFor(30)).toBe(MIN_SEGMENTS);
  });

  it('stops at the bound a run accepts (a province of 5,000,000 subjects)', () => {
    expect(segmentsFor(17_650_000)).toBe(MAX_SEGMENTS);
  });

  it('falls back to the fixed count when the size is unknown or nonsense', () => {
    for (const n of [undefined, Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(segmentsFor(n)).toBe(UNSIZED_SEGMENTS);
    }
  });
});
