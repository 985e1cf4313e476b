/**
 * The end-to-end figure, small (issue #16): 300 subjects from feed files to paid, in its own
 * file so its DynamoDB Local and the repositories' client are its own (jest gives each file
 * a module registry; the auto-grant smoke in bench.smoke.test.ts has another engine). And the
 * check it rests on: the policy text by hand against the rules engine, pure.
 */
import { e2eFigure, STAGES } from './e2e-figure';
import { E2E_POLICIES, owedTo } from './e2e-check';
import { cardNumberFor } from './feed-files';
import { BENCH_AS_OF, subjectAt } from './subjects';
import { rowProblems, formatTable, type Row } from './table';
import { autoGrantPolicies } from '../../shared/auto-grant';
import { evaluate } from '../../shared/rules';
import { listPolicies, SEED_PARAM_VALUES } from '../../shared/policies';
import { luhnValid } from '../../shared/payee';

const wellFormed = (rows: readonly Row[]) => {
  expect(rows.flatMap(rowProblems)).toEqual([]);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(formatTable(rows)).toContain('| Figure');
};

describe('end-to-end figure (smoke)', () => {
  it('e2e: 300 subjects from feed files to paid, every owed grant paid once, rows well-formed', async () => {
    const r = await e2eFigure({ subjects: 300 });
    wellFormed(r.rows);
    expect(r.rows.filter((row) => row.status === 'error')).toEqual([]);
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    expect(r.expected?.grants).toBeGreaterThan(50);
    expect(r.paid?.grants).toBe(r.expected?.grants);
    expect(r.paid?.fen).toBe(r.expected?.fen);
    expect(r.paid?.treasuryFen).toBe(r.expected?.fen);
    expect(byId.get('e2e.missing')).toMatchObject({ value: 0, met: true });
    expect(byId.get('e2e.fen')).toMatchObject({ value: 0, met: true });
    expect(byId.get('e2e.duplicated')).toMatchObject({ value: 0, met: true });
    expect(byId.get('e2e.total')?.goal).toBe('≤ 60 min for 100,000');
    for (const s of STAGES) expect(byId.get(`e2e.stage.${s}`)?.value).toBeGreaterThanOrEqual(0);
    // rent-waiver-state pays only in approved 支付批次: some of its grants were among those paid
    expect(r.paid?.byPolicy['rent-waiver-state']?.grants).toBeGreaterThan(0);
  }, 120_000);
});

describe('e2e check (pure)', () => {
  it('the policy text, by hand, owes what the rules engine grants on 3,000 generated subjects', () => {
    const policies = autoGrantPolicies(listPolicies(), BENCH_AS_OF);
    expect(policies.map((p) => p.id).sort()).toEqual([...E2E_POLICIES].sort());
    for (let i = 0; i < 3_000; i++) {
      const s = subjectAt(i);
      const engine = policies
        .filter((p) => p.subjectKind === s.kind)
        .map((p) => ({
          policy: p.id,
          e: evaluate(p, s.facts, BENCH_AS_OF, { explain: false, params: SEED_PARAM_VALUES }),
        }))
        .filter((x) => x.e.eligible && x.e.amountFen > 0)
        .map((x) => `${x.policy}:${String(x.e.amountFen)}`)
        .sort();
      const byText = owedTo(s, BENCH_AS_OF)
        .map((o) => `${o.policy}:${String(o.fen)}`)
        .sort();
      expect({ i, owed: byText }).toEqual({ i, owed: engine });
    }
  });

  it('the accounts on file carry 19-digit card numbers whose Luhn check passes', () => {
    for (const i of [0, 1, 7, 99_999, 999_999]) {
      expect(cardNumberFor(i)).toHaveLength(19);
      expect(luhnValid(cardNumberFor(i))).toBe(true);
    }
    expect(cardNumberFor(1)).not.toBe(cardNumberFor(2));
  });
});
