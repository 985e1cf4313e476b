/**
 * The should-be-done population (issue #16, shared/completion.ts): for each published policy,
 * everyone the rules find eligible on a date — applied or not — and their amounts, the
 * denominator of completion as the seeds count it ("516 should be waived, 71 done").
 *
 * A count is a run of the auto-grant machinery (functions/repositories/runs.ts), like the
 * 政策沙盘: the same parallel-scan segments over the current facts, the same per-segment
 * checkpoints (a page's tallies are added in the conditional write that advances the
 * checkpoint, so a page counts once however workers race or crash), the same queue on AWS. It
 * writes nothing but its run, and, once the run completes, one population item per policy
 * (functions/repositories/population.ts), which replaces the stored one only when newer.
 *
 * - Nightly (functions/schedule/population): one run over every live policy's published
 *   version (the dashboard's list), each judged as of the day kept inside its window. The run
 *   id is the day's, so a retried, doubled or crashed trigger resumes the same run from its
 *   checkpoints, and a run that completed before a crash has its populations written again
 *   (unchanged: same asOf, same computedAt).
 * - Now (POST /v1/admin/stats/{id}/population): one policy, a fresh run (or, with the same
 *   Idempotency-Key, the same one); it computes later than the nightly run, so it replaces it.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/actor';
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf, localDateOf } from '../../shared/calendar';
import { populationOf, populationPage, type PopulationTarget } from '../../shared/completion';
import type { IsoDate } from '../../shared/facts/dates';
import { DomainError, notFound } from '../../shared/errors';
import { deterministicId, makeNewId, type RunId } from '../../shared/ids';
import { requireAdmin } from '../../shared/lifecycle/guards';
import { paramValuesOf, type PolicyVersion } from '../../shared/policies';
import type { PopulationRunView } from '../../shared/schemas/admin';
import { sandboxAsOf } from '../../shared/sandbox';
import { now as clockNow } from '../_lib/clock';
import { savePopulation } from '../repositories/population';
import { getPolicyVersion, loadCatalogueItems } from '../repositories/policies';
import { createRun, findRun, type RunRecord } from '../repositories/runs';
import { defaultSegments, enqueueSegments, type ProcessOptions } from './auto-grant';
import { policyCatalogue } from './catalogue';
import { processScanRun, scanRunSegment } from './subject-scan';

const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });

const PREFIX = 'run_population~';
/** Population runs are told apart by their id (the segment queue carries only ids). */
export const isPopulationRunId = (id: string): boolean => id.startsWith(PREFIX);
/** The nightly count's id: one per day, so a second trigger resumes it. */
export const nightlyPopulationRunId = (today: IsoDate): RunId =>
  deterministicId('run', 'population', today);
const refreshRunId = (policyId: string, key?: string): RunId =>
  key === undefined
    ? deterministicId('run', 'population', policyId, newId('run').slice(4))
    : deterministicId('run', 'population', policyId, 'key', key);

type StoredTarget = NonNullable<RunRecord['population']>['targets'][number];

/** Each version judged as of `today` kept inside its window (a closed 2020 scheme as of its last day). */
const targetOf = (p: PolicyVersion, today: IsoDate): StoredTarget => ({
  policyId: p.id,
  version: p.version,
  asOf: sandboxAsOf(p, today),
});

async function startPopulationRun(
  id: RunId,
  targets: readonly StoredTarget[],
  today: IsoDate,
  now: Date,
): Promise<RunRecord> {
  const dispatch =
    process.env.SEGMENT_QUEUE_URL && !process.env.IS_OFFLINE ? 'queue' : 'in-process';
  await createRun({
    id,
    asOf: today,
    policyIds: targets.map((t) => t.policyId),
    totalSegments: await defaultSegments(),
    dispatch,
    startedAt: instantOf(now),
    population: { targets: [...targets] },
  });
  const run = await findRun(id);
  if (!run?.population) throw notFound('测算任务');
  if (run.status === 'running' && dispatch === 'queue') await enqueueSegments(run);
  return run;
}

/**
 * A completed run's populations, each stored unless a newer one is (idempotent: the run's
 * finishedAt is its computedAt). Nothing for a run still running.
 */
export async function recordPopulations(
  runId: RunId,
): Promise<{ saved: number; unchanged: number }> {
  const run = await findRun(runId);
  const out = { saved: 0, unchanged: 0 };
  if (run?.status !== 'completed' || !run.population || run.finishedAt === undefined) return out;
  for (const t of run.population.targets) {
    const { count, amountFen } = populationOf(run.tallies, t.policyId);
    const r = await savePopulation({
      policyId: policyIdOf(t.policyId),
      version: t.version,
      asOf: t.asOf,
      count,
      amountFen,
      computedAt: run.finishedAt,
      runId: run.id,
    });
    out[r]++;
  }
  return out;
}

/** One segment: each page's eligible subjects and amounts, per policy, added with the checkpoint. */
export async function evaluatePopulationSegment(
  msg: { runId: RunId; segment: number },
  o: ProcessOptions = {},
): Promise<{ pages: number; done: boolean }> {
  const run = await findRun(msg.runId);
  if (!run?.population) throw notFound('测算任务');
  // the versions the run was started with, from the catalogue's one Query (the same parameters
  // as the 政策沙盘's)
  const { versions, parameters } = await loadCatalogueItems();
  const targets: PopulationTarget[] = await Promise.all(
    run.population.targets.map(async (t) => ({
      version:
        versions.find((v) => v.policyId === t.policyId && v.policyVersion === t.version)
          ?.document ?? (await getPolicyVersion(t.policyId, t.version)).document,
      asOf: t.asOf,
    })),
  );
  const params = paramValuesOf(parameters);
  const r = await scanRunSegment(
    run,
    msg.segment,
    (subjects) => {
      const tally: Record<string, number> = {};
      populationPage(subjects, targets, tally, params);
      return Promise.resolve(tally);
    },
    o,
  );
  // on AWS whichever worker finishes the run stores its populations; in-process, processPopulation
  if (r.done && run.dispatch === 'queue') await recordPopulations(msg.runId);
  return r;
}

/** Every unfinished segment in this process, then the populations (each only if newer). */
export async function processPopulation(
  runId: RunId,
  o: ProcessOptions = {},
): Promise<{ run: RunRecord; saved: number; unchanged: number }> {
  await processScanRun(runId, evaluatePopulationSegment, o);
  const written = await recordPopulations(runId);
  const run = await findRun(runId);
  if (!run) throw notFound('测算任务');
  return { run, ...written };
}

export interface PopulationJobResult {
  runId: RunId;
  status: RunRecord['status'];
  dispatch: RunRecord['dispatch'];
  policies: number;
  subjectsScanned: number;
  saved: number;
  unchanged: number;
  errors: number;
}

/**
 * The nightly count over every live policy's published version (the dashboard's list). Safe
 * to rerun or crash mid-way: the day's run resumes from its checkpoints; its populations are
 * written when it completes, each only if newer.
 */
export async function countPopulations(
  o: { now?: Date } & ProcessOptions = {},
): Promise<PopulationJobResult> {
  const now = o.now ?? clockNow();
  const today = localDateOf(instantOf(now));
  const catalogue = await policyCatalogue();
  const targets = catalogue.list(today).map((p) => targetOf(p, today));
  const started = await startPopulationRun(nightlyPopulationRunId(today), targets, today, now);
  // in-process: counted here; queued: stored by the worker that finishes it, or here when a
  // finished run's populations were not stored (the worker crashed in between)
  const { run, ...written } =
    started.dispatch === 'in-process'
      ? await processPopulation(started.id, { ...o, now })
      : { run: started, ...(await recordPopulations(started.id)) };
  return {
    runId: run.id,
    status: run.status,
    dispatch: run.dispatch,
    policies: run.population?.targets.length ?? 0,
    subjectsScanned: run.totals.subjectsScanned,
    ...written,
    // segments that failed, and subjects whose rules could not be evaluated
    errors:
      run.lastErrors.length +
      Object.entries(run.tallies).reduce((n, [k, v]) => (k.endsWith('.err') ? n + v : n), 0),
  };
}

function viewOf(run: RunRecord): PopulationRunView {
  const t = run.population?.targets[0];
  if (!t) throw notFound('测算任务');
  const { count, amountFen } = populationOf(run.tallies, t.policyId);
  return {
    runId: run.id,
    policyId: t.policyId,
    version: t.version,
    asOf: t.asOf,
    status: run.status,
    segmentsTotal: run.totalSegments,
    segmentsDone: run.segmentsDone,
    subjectsScanned: run.totals.subjectsScanned,
    count,
    amountFen,
    startedAt: run.startedAt,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
  };
}

/**
 * POST /v1/admin/stats/{id}/population: counts one policy's population now (admins only), its
 * live published version as of today kept inside its window. The same Idempotency-Key finds the
 * same run. In-process the count runs to the end before the answer (a county's subjects take
 * seconds); on AWS the segments go to the queue and the answer is the run's progress (202).
 */
export async function refreshPopulation(
  actor: Actor,
  policyId: string,
  o: { now: Date; idempotencyKey?: string },
): Promise<PopulationRunView> {
  requireAdmin(actor);
  const today = localDateOf(instantOf(o.now));
  const catalogue = await policyCatalogue();
  const version = catalogue.list(today).find((p) => p.id === policyId);
  if (!version) throw notFound(`已发布的政策「${policyId}」`);
  const target = targetOf(version, today);
  let run = await startPopulationRun(
    refreshRunId(policyId, o.idempotencyKey),
    [target],
    today,
    o.now,
  );
  const mine = run.population?.targets;
  if (mine?.length !== 1 || mine[0]?.policyId !== policyId)
    throw new DomainError('DUPLICATE', '该幂等键已用于另一项测算', {
      reason: 'POPULATION_KEY_REUSED',
    });
  if (run.dispatch === 'in-process') ({ run } = await processPopulation(run.id, { now: o.now }));
  return viewOf(run);
}
