import { bucketOf, SANDBOX_BUCKETS, sandboxAsOf, sandboxReport } from './sandbox';

describe('政策沙盘 figures', () => {
  it('puts each amount in the first bucket whose bound it does not exceed', () => {
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(10_000)).toBe(0);
    expect(bucketOf(10_001)).toBe(1);
    expect(bucketOf(100_000)).toBe(2);
    expect(bucketOf(500_000)).toBe(4);
    expect(bucketOf(50_000_000)).toBe(SANDBOX_BUCKETS - 1);
  });

  it('tries a version as of today, kept inside its window', () => {
    const w = { effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31' };
    expect(sandboxAsOf(w, '2026-11-28')).toBe('2027-01-01');
    expect(sandboxAsOf(w, '2027-03-01')).toBe('2027-03-01');
    expect(sandboxAsOf(w, '2028-01-02')).toBe('2027-12-31');
  });

  it('reports the shortfall of a line that does not cover the total, and the most failing conditions first', () => {
    const r = sandboxReport(
      {
        payable: 3,
        eligible: 3,
        totalFen: 900,
        b0: 3,
        'f.a': 2,
        'f.b': 5,
        'f.effective_window': 1,
      },
      {
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
        eligibility: [
          { id: 'a', label: '条件甲', rule: { op: 'const', value: true } },
          { id: 'b', label: '条件乙', rule: { op: 'const', value: true } },
        ],
      },
      undefined,
      { fiscalYear: 2026, allocatedFen: 1000, committedFen: 400, source: 'line' },
    );
    expect(r.failingConditions.map((c) => [c.label, c.count])).toEqual([
      ['条件乙', 5],
      ['条件甲', 2],
      ['在政策有效期内（2026-01-01 至 2026-12-31）', 1],
    ]);
    expect(r.budget).toMatchObject({ remainingFen: 600, covers: false, shortfallFen: 300 });
    expect(r.averageFen).toBe(300);
    expect(r.distribution[0]).toEqual({ fromFen: 0, toFen: 10_000, count: 3 });
    expect(r.distribution.at(-1)).toEqual({ fromFen: 10_000_000, count: 0 });
    expect(r.comparison).toBeUndefined();
  });
});
