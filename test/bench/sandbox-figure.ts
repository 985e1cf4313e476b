/**
 * Sandbox figure (政策沙盘, issue #11): one policy version tried over N generated subjects'
 * facts on an in-memory DynamoDB Local this figure starts and stops — the sandbox service's
 * own entry points (`startSandbox` + `processSandbox`, default segments and concurrency).
 * Its payable count is checked against the same rules over the same facts counted without
 * DynamoDB: a sandbox that misses or doubles a subject is an error row.
 */
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { startBenchEngine } from './engine';
import { seedCatalogue } from '../../functions/services/catalogue';
import { instantOf } from '../../shared/calendar';
import type { UserId } from '../../shared/ids';
import { listPolicies, SEED_PARAM_VALUES } from '../../shared/policies';
import { evaluate } from '../../shared/rules';
import { loadFacts, RUN_NOW, TABLE, useEngine } from './auto-grant-figure';
import { BENCH_AS_OF, subjectAt } from './subjects';
import { errorRow, type Row } from './table';

export interface SandboxOptions {
  subjects: number;
  /** the seed policy tried (its version 1) */
  policyId: string;
  log: (line: string) => void;
}

export const SANDBOX_DEFAULTS: SandboxOptions = {
  subjects: 100_000,
  policyId: 'hire-local',
  log: () => undefined,
};

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Payable subjects of the policy, and their total, counted without DynamoDB. */
export function expectedSandbox(
  n: number,
  policyId: string,
): { payable: number; totalFen: number } {
  const p = listPolicies().find((x) => x.id === policyId);
  if (!p) throw new Error(`no seed policy ${policyId}`);
  let payable = 0;
  let totalFen = 0;
  for (let i = 0; i < n; i++) {
    const s = subjectAt(i);
    if (s.kind !== p.subjectKind) continue;
    const e = evaluate(p, s.facts, BENCH_AS_OF, { explain: false, params: SEED_PARAM_VALUES });
    if (e.eligible && e.amountFen > 0) {
      payable++;
      totalFen += e.amountFen;
    }
  }
  return { payable, totalFen };
}

export async function sandboxFigure(options: Partial<SandboxOptions> = {}): Promise<{
  rows: Row[];
  seconds?: number;
  report?: { payable: number; totalFen: number; subjects: number };
}> {
  const o = { ...SANDBOX_DEFAULTS, ...options };
  const N = o.subjects;
  const metric = `政策沙盘 over ${N.toLocaleString('en-US')} subjects (${o.policyId} v1)`;
  const expected = expectedSandbox(N, o.policyId);
  o.log(`sandbox: starting DynamoDB Local (in memory) …`);
  const engine = await startBenchEngine();
  const restoreEnv = useEngine(engine);
  try {
    await ensureTable(localClient(engine.endpoint), TABLE);
    await seedCatalogue(instantOf(RUN_NOW));
    o.log(`sandbox: loading facts …`);
    const load = await loadFacts(N, 6, o.log);
    o.log(
      `sandbox: loaded ${load.facts.toLocaleString('en-US')} facts in ${load.seconds.toFixed(0)} s; sandbox …`,
    );
    const service = await import('../../functions/services/sandbox');
    const admin = { kind: 'admin' as const, userId: 'usr_bench_admin' as UserId };
    const t0 = process.hrtime.bigint();
    const started = await service.startSandbox(
      admin,
      o.policyId,
      { version: 1, asOf: BENCH_AS_OF },
      { now: RUN_NOW },
    );
    await service.processSandbox(started.id, { now: RUN_NOW });
    const took = seconds(t0);
    const view = await service.sandboxView(admin, o.policyId, started.id);
    const report = {
      payable: view.counts.payable,
      totalFen: view.totalFen,
      subjects: view.subjectsScanned,
    };
    o.log(
      `sandbox: ${view.status} in ${took.toFixed(1)} s: ${view.counts.payable} payable of ${view.counts.subjects} (${view.subjectsScanned} scanned); expected ${expected.payable}`,
    );
    const ok =
      view.status === 'completed' &&
      view.subjectsScanned === N &&
      view.counts.payable === expected.payable &&
      view.totalFen === expected.totalFen;
    if (!ok)
      return {
        rows: [
          errorRow(
            'sandbox.time',
            'Sandbox',
            metric,
            new Error(
              `sandbox ${view.status}: scanned ${view.subjectsScanned}/${N}, payable ${view.counts.payable} (expected ${expected.payable}), total ${view.totalFen} (expected ${expected.totalFen}) ${view.lastErrors.slice(-1).join('')}`,
            ),
          ),
        ],
      };
    return {
      seconds: took,
      report,
      rows: [
        {
          id: 'sandbox.time',
          figure: 'Sandbox',
          metric,
          value: took,
          unit: 's',
          reference: { label: 'subjects/s', value: N / took, unit: 'subj/s' },
          goal: '< 900 s (one Lambda timeout)',
          met: took < 900,
          status: 'ok',
          note: `${N.toLocaleString('en-US')} subjects, ${load.facts.toLocaleString('en-US')} facts; ${view.counts.payable.toLocaleString('en-US')} payable, ¥${(view.totalFen / 100).toLocaleString('en-US')}, ${view.counts.ineligible.toLocaleString('en-US')} ineligible, ${view.counts.incomplete.toLocaleString('en-US')} incomplete; ${String(view.segmentsTotal)} segments in one process; equal to the rules counted without DynamoDB`,
        },
      ],
    };
  } finally {
    restoreEnv();
    await engine.stop();
  }
}
