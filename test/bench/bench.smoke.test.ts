/**
 * The bench harness, small: the rules figure with a few short rounds and the auto-grant
 * figure on 1,000 subjects (the end-to-end figure: e2e.smoke.test.ts). Checks that the harness produces well-formed rows and that the
 * engines agree — never that a speed goal is met (that is `npm run bench`'s job, on a
 * quiet machine).
 */
import { AUTO_GRANT_GOAL, autoGrantFigure, boundRows } from './auto-grant-figure';
import { costRows, LATER_STAGE_WRU_PER_GRANT, PRICES, provinceModel } from './cost-figure';
import { cpuSecondsOf, cpuShare } from './memory';
import { rulesFigure } from './rules';
import { formatTable, rowProblems, type Row } from './table';

const wellFormed = (rows: readonly Row[]) => {
  expect(rows.flatMap(rowProblems)).toEqual([]);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(formatTable(rows)).toContain('| Figure');
};

describe('CPU accounting beside a run', () => {
  it("reads a process's CPU seconds from /proc, and states each side's share of the wall time", () => {
    const before = cpuSecondsOf(process.pid);
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += i % 7; // some CPU for this process
    expect(x).toBeGreaterThan(0);
    const after = cpuSecondsOf(process.pid);
    expect(before).not.toBeNull();
    expect(after as number).toBeGreaterThan(before as number);
    expect(cpuSecondsOf(2 ** 30)).toBeNull(); // no such process
    expect(cpuShare({ before: 10, after: 31.3 }, { before: 1, after: 15 }, 33.3)).toBe(
      'CPU during it: engine 21.3 s (64 % of its wall time), Node 14.0 s (42 %)',
    );
    expect(cpuShare({ before: null, after: 3 }, { before: 0, after: 1 }, 10)).toContain('engine ?');
  });
});

describe('bench harness (smoke)', () => {
  it('rules: both engines agree on verdict and amount for every input, and every row is well-formed', () => {
    const r = rulesFigure({ subjects: 500, minMs: 5, explain: true });
    expect(r.mismatches).toEqual([]);
    expect(r.checked).toBeGreaterThan(500);
    wellFormed(r.rows);
    const ids = r.rows.map((row) => row.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'rules.all',
        'rules.hire-local',
        'rules.transfer-transport',
        'rules.startup-grant',
        'rules.rent-waiver-state',
      ]),
    );
    for (const row of r.rows) {
      expect(row.status).toBe('ok');
      expect(row.value).toBeGreaterThan(0);
      expect(row.reference?.value).toBeGreaterThan(0);
    }
    const all = r.rows.find((row) => row.id === 'rules.all');
    expect(all?.goal).toBe('≥ 3×');
    expect(typeof all?.met).toBe('boolean');
  });

  it('auto-grant: 1,000 subjects, every expected grant written once, none on the second run, rows well-formed', async () => {
    const r = await autoGrantFigure({ subjects: 1_000, ceilingMs: 500 });
    wellFormed(r.rows);
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    if (byId.get('auto-grant.throughput')?.status === 'pending') return; // service not there yet: nothing more to check
    expect(r.rows.filter((row) => row.status === 'error')).toEqual([]);
    expect(r.expectedGrants).toBeGreaterThan(100);
    expect(r.run1).toMatchObject({
      status: 'completed',
      subjectsScanned: 1_000,
      grantsCreated: r.expectedGrants,
      errors: 0,
    });
    expect(r.run2).toMatchObject({
      status: 'completed',
      grantsCreated: 0,
      alreadyGranted: r.expectedGrants,
    });
    expect(r.ceiling?.itemsPerSec).toBeGreaterThan(0);
    const throughput = byId.get('auto-grant.throughput');
    expect(throughput?.reference?.label).toBe('BatchWriteItem ceiling');
    expect(throughput?.goal).toBe(`≥ ${AUTO_GRANT_GOAL}× ceiling`);
    expect(byId.get('auto-grant.rerun')).toMatchObject({ value: 0, met: true });
    // the bound the run's own conditional writes set, measured on the same engine
    expect(r.ownCeiling?.samples).toHaveLength(2);
    expect(byId.get('auto-grant.write-bound')?.value).toBeGreaterThan(0);
    expect(byId.get('auto-grant.of-bound')?.reference?.value).toBeGreaterThan(0);
    expect(byId.get('memory.node')?.value).toBeGreaterThan(0);
    expect(byId.get('memory.java')?.value).toBeGreaterThan(0);
    // the scale figure's rows: the table's size (checked by a COUNT scan at this size) and the 1M estimate
    expect(byId.get('scale.table-size')).toMatchObject({ status: 'ok', unit: 'MB' });
    expect(byId.get('scale.table-size')?.value).toBeGreaterThan(0);
    expect(r.table?.scannedItems).toBeGreaterThan(1_000);
    expect(byId.get('scale.estimate-1m')?.value).toBeGreaterThan(0);
  }, 90_000);
});

describe('auto-grant bound (pure)', () => {
  it('divides the own write ceiling by the items a subject needs, and says whether the goal is reachable', () => {
    // 350 claims/s (one item a grant), 0.35 grants per subject: 350 / 0.35 = 1,000 subjects/s
    const [own, ofBound] = boundRows(
      600,
      1_250,
      { itemsPerSec: 350, samples: [340, 360] },
      0.35,
      25,
    );
    expect(own).toMatchObject({ id: 'auto-grant.write-bound', value: 350, ratio: 0.28 });
    expect(own?.metric).toContain('25 per TransactWriteItems');
    expect(ofBound?.reference?.value).toBeCloseTo(1_000, 6);
    expect(ofBound?.ratio).toBeCloseTo(0.6, 6);
    expect(ofBound?.note).toContain('0.80× the BatchWriteItem ceiling');
    expect(ofBound?.note).toContain('is within');
    const [, tight] = boundRows(600, 2_000, { itemsPerSec: 350, samples: [350] }, 0.35, 25);
    expect(tight?.note).toContain('0.50× the BatchWriteItem ceiling');
    expect(tight?.note).toContain('is above');
  });
});

describe('cost model (pure)', () => {
  it('a 5,000,000-subject province: dollars add up from the measured units, and the slower limit binds', () => {
    const measured = {
      loadWruPerSubject: 7,
      runRruPerSubject: 0.5,
      runWruPerSubject: 6,
      runWruPerGrant: 18,
      grantsPerSubject: 1 / 3,
      lambdaMsPerSubject: 5,
      deriveWruPerGrant: 12,
      deriveRruPerGrant: 1.5,
      deriveMsPerGrant: 3,
    };
    const m = provinceModel(measured);
    expect(m.grants).toBe(1_666_667);
    expect(m.wru).toBeCloseTo(5_000_000 * 13 + 1_666_667 * (12 + LATER_STAGE_WRU_PER_GRANT), 0);
    expect(m.rru).toBeCloseTo(5_000_000 * 0.5 + 1_666_667 * 1.5, 0);
    expect(m.lambdaSeconds).toBeCloseTo((5_000_000 * 5 + 1_666_667 * 3) / 1000, 6);
    expect(m.usd.dynamoWrite).toBeCloseTo((m.wru / 1e6) * PRICES.wruPerMillion, 6);
    expect(m.usd.total).toBeCloseTo(
      m.usd.dynamoWrite + m.usd.dynamoRead + m.usd.lambda + m.usd.sqs,
      9,
    );
    // 30,000,000 run WRU + 20,000,004 the deriver's at 4,000/s: 208.3 min; 30,000 Lambda
    // seconds over 1,000 workers: < 1 min
    expect(m.minutes.coldTable).toBeCloseTo((30_000_000 + 1_666_667 * 12) / 4_000 / 60, 6);
    expect(m.binds).toBe('table write throughput (cold on-demand table)');
    const slowLambda = provinceModel({ ...measured, lambdaMsPerSubject: 5_000 });
    expect(slowLambda.binds).toBe('Lambda concurrency');
    // the deriver: 1,666,667 grants × 3 ms over 40 at once: 2.1 min; at 400 ms, 278 min
    expect(m.minutes.deriver).toBeCloseTo((1_666_667 * 3) / 1000 / 40 / 60, 6);
    const slowDeriver = provinceModel({ ...measured, deriveMsPerGrant: 400 });
    expect(slowDeriver.binds).toBe('stream deriver concurrency');
    const rows = costRows(measured, m, 1_000, 333, {
      totalWall: 5_000,
      totalCpu: 1_000,
      wallMs: [1, 2],
    });
    expect(rows.flatMap(rowProblems)).toEqual([]);
  });
});
