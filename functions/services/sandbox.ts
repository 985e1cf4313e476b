/**
 * 政策沙盘 (issue #11): tries a policy version — a draft, or a published one — over the current
 * facts of every subject, and reports who would qualify, for how much, which conditions fail
 * most, who gains and who loses against the version before it, and whether the budget line
 * covers it.
 *
 * It is a run of the auto-grant machinery (functions/repositories/runs.ts): the same
 * parallel-scan segments, the same per-segment checkpoints (a page's tallies are added in the
 * same conditional write that advances the checkpoint, so a page counts once however workers
 * race), the same queue on AWS. The only things it writes are that run record and its
 * segments: no grant, no claim, no outbox message.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/actor';
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError, notFound } from '../../shared/errors';
import { deterministicId, makeNewId, type RunId } from '../../shared/ids';
import { requireAdmin, requireAdminOrAuditor } from '../../shared/lifecycle/guards';
import { POLICY_VERSION_STATUS_LABELS } from '../../shared/lifecycle/policy-version';
import { paramValuesOf } from '../../shared/policies';
import { sandboxAsOf, sandboxPage, sandboxReport, type SandboxTally } from '../../shared/sandbox';
import type { SandboxBody, SandboxView } from '../../shared/schemas/sandbox';
import { getBudget } from '../repositories/ledger';
import { getPolicyVersion, loadCatalogueItems } from '../repositories/policies';
import { createRun, findRun, type RunRecord } from '../repositories/runs';
import { defaultSegments, enqueueSegments, type ProcessOptions } from './auto-grant';
import { processScanRun, scanRunSegment } from './subject-scan';

const newId = makeNewId({ nowMs: Date.now, randomBytes: (n) => randomBytes(n) });

const PREFIX = 'run_sandbox~';
/** Sandbox runs are told apart by their id (the segment queue carries only ids). */
export const isSandboxRunId = (id: string): boolean => id.startsWith(PREFIX);
const sandboxRunId = (key?: string): RunId =>
  key === undefined
    ? deterministicId('run', 'sandbox', newId('run').slice(4))
    : deterministicId('run', 'sandbox', 'key', key);

/** The published (or retired) version just before `version`, if any: what the sandbox compares with. */
function baselineOf(
  versions: readonly { policyId: string; policyVersion: number; status: string }[],
  policyId: string,
  version: number,
): number | undefined {
  return versions
    .filter(
      (v) =>
        v.policyId === policyId &&
        v.policyVersion < version &&
        (v.status === 'published' || v.status === 'retired'),
    )
    .map((v) => v.policyVersion)
    .sort((a, b) => b - a)[0];
}

/**
 * POST /v1/admin/policy-versions/{id}/sandbox: creates the run (or, with the same
 * Idempotency-Key, finds it again). `dispatch: 'queue'` sends its segments to the segment
 * queue; in-process the caller then calls processSandbox.
 */
export async function startSandbox(
  actor: Actor,
  policyId: string,
  body: SandboxBody,
  o: { now: Date; idempotencyKey?: string },
): Promise<RunRecord> {
  requireAdmin(actor);
  const [{ document: target }, { versions }] = await Promise.all([
    getPolicyVersion(policyId, body.version),
    loadCatalogueItems(),
  ]);
  const baselineVersion = baselineOf(versions, policyId, body.version);
  const at = instantOf(o.now);
  const asOf = body.asOf ?? sandboxAsOf(target, localDateOf(at));
  const id = sandboxRunId(o.idempotencyKey);
  const dispatch =
    process.env.SEGMENT_QUEUE_URL && !process.env.IS_OFFLINE ? 'queue' : 'in-process';
  await createRun({
    id,
    asOf,
    policyIds: [policyId],
    totalSegments: body.totalSegments ?? (await defaultSegments()),
    dispatch,
    startedAt: at,
    sandbox: {
      policyId,
      version: body.version,
      ...(baselineVersion === undefined ? {} : { baselineVersion }),
    },
  });
  const run = await findRun(id);
  if (!run?.sandbox) throw notFound('沙盘');
  if (run.sandbox.policyId !== policyId || run.sandbox.version !== body.version)
    throw new DomainError('DUPLICATE', '该幂等键已用于另一次沙盘推演', {
      reason: 'SANDBOX_KEY_REUSED',
    });
  if (run.status === 'running' && dispatch === 'queue') await enqueueSegments(run);
  return run;
}

/** Every unfinished segment of a sandbox run, a few at a time, in this process. */
export function processSandbox(runId: RunId, o: ProcessOptions = {}): Promise<RunRecord> {
  return processScanRun(runId, evaluateSandboxSegment, o);
}

/** One segment of a sandbox run: each page judged, its tallies added with the checkpoint. */
export async function evaluateSandboxSegment(
  msg: { runId: RunId; segment: number },
  o: ProcessOptions = {},
): Promise<{ pages: number; done: boolean }> {
  const run = await findRun(msg.runId);
  if (!run?.sandbox) throw notFound('沙盘');
  const { policyId, version, baselineVersion } = run.sandbox;
  const [target, base, { parameters }] = await Promise.all([
    getPolicyVersion(policyId, version).then((r) => r.document),
    baselineVersion === undefined
      ? undefined
      : getPolicyVersion(policyId, baselineVersion).then((r) => r.document),
    loadCatalogueItems(),
  ]);
  const params = paramValuesOf(parameters);
  return scanRunSegment(
    run,
    msg.segment,
    (subjects) => {
      const tallies: SandboxTally = {};
      sandboxPage(subjects, target, base, run.asOf, tallies, params);
      return Promise.resolve(tallies);
    },
    o,
  );
}

/** GET /v1/admin/policy-versions/{id}/sandbox/{runId}: progress, and the report so far. */
export async function sandboxView(
  actor: Actor,
  policyId: string,
  runId: string,
): Promise<SandboxView> {
  requireAdminOrAuditor(actor);
  const run = isSandboxRunId(runId) ? await findRun(runId as RunId) : undefined;
  if (!run?.sandbox || run.sandbox.policyId !== policyId) throw notFound('沙盘');
  const record = await getPolicyVersion(policyId, run.sandbox.version);
  const target = record.document;
  const fiscalYear = Number(run.asOf.slice(0, 4));
  const line = await getBudget(policyIdOf(policyId), fiscalYear);
  const report = sandboxReport(run.tallies, target, run.sandbox.baselineVersion, {
    fiscalYear,
    ...(line
      ? {
          allocatedFen: line.totalFen,
          committedFen: line.reservedFen + line.paidFen,
          source: 'line' as const,
        }
      : { allocatedFen: target.budgetFen, committedFen: 0, source: 'document' as const }),
  });
  return {
    id: run.id,
    policyId,
    version: run.sandbox.version,
    title: target.title,
    versionStatus: record.status,
    versionStatusLabel: POLICY_VERSION_STATUS_LABELS[record.status],
    asOf: run.asOf,
    status: run.status,
    segmentsTotal: run.totalSegments,
    segmentsDone: run.segmentsDone,
    subjectsScanned: run.totals.subjectsScanned,
    startedAt: run.startedAt,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
    lastErrors: run.lastErrors,
    ...report,
  };
}
