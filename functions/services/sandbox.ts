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
import { maskText } from '../../shared/mask';
import { paramValuesOf } from '../../shared/policies';
import { sandboxAsOf, sandboxPage, sandboxReport, type SandboxTally } from '../../shared/sandbox';
import type { SandboxBody } from '../../shared/schemas/studio';
import { now as clockNow } from '../_lib/clock';
import { logger } from '../_lib/logger';
import { scanSubjects } from '../repositories/facts';
import { getBudget } from '../repositories/ledger';
import { getPolicyVersion, loadCatalogueItems } from '../repositories/policies';
import {
  checkpoint,
  completeIfDone,
  createRun,
  findRun,
  getSegment,
  isCheckpointLost,
  noteErrors,
  segmentsOf,
  type RunRecord,
} from '../repositories/runs';
import { DEFAULT_SEGMENTS, enqueueSegments, type ProcessOptions } from './auto-grant';
import { mapLimit, withRetry } from './retry';

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
    totalSegments: body.totalSegments ?? DEFAULT_SEGMENTS,
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
export async function processSandbox(runId: RunId, o: ProcessOptions = {}): Promise<RunRecord> {
  const run = await findRun(runId);
  if (!run) throw notFound('沙盘');
  if (run.status !== 'running') return run;
  const pending = (await segmentsOf(runId)).filter((s) => !s.done).map((s) => s.segment);
  await mapLimit(pending, o.segmentConcurrency ?? 4, async (segment) => {
    if (o.signal?.aborted) return;
    try {
      await evaluateSandboxSegment({ runId, segment }, o);
    } catch (e) {
      const message = maskText(e instanceof Error ? e.message : String(e));
      logger.error('sandbox segment failed; it resumes from its checkpoint', {
        runId,
        segment,
        error: message,
      });
      await noteErrors(runId, [`segment ${String(segment)}: ${message}`]).catch(() => undefined);
    }
  });
  return (await findRun(runId)) ?? run;
}

/**
 * One segment of a sandbox run, from its checkpoint to its end (or until aborted): each page
 * is judged and its tallies added with the checkpoint. Idempotent like the auto-grant's.
 */
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
  let seg = await getSegment(msg.runId, msg.segment);
  if (!seg) throw notFound('分段');
  let pages = 0;
  while (!seg.done) {
    if (o.signal?.aborted) return { pages, done: false };
    const fromPage: number = seg.pages;
    const page = await withRetry(() =>
      scanSubjects({
        segment: msg.segment,
        totalSegments: run.totalSegments,
        cursor: seg?.cursor,
        limit: o.pageSize ?? 500,
      }),
    );
    const tallies: SandboxTally = {};
    sandboxPage(page.subjects, target, base, run.asOf, tallies, params);
    await o.hooks?.beforeCheckpoint?.(msg.segment, fromPage);
    try {
      await withRetry(() =>
        checkpoint(msg.runId, msg.segment, fromPage, page.next, {
          counters: { subjectsScanned: page.subjects.length },
          skipped: {},
          tallies,
        }),
      );
    } catch (e) {
      if (isCheckpointLost(e)) return { pages, done: false };
      throw e;
    }
    pages++;
    seg = { ...seg, pages: fromPage + 1, cursor: page.next, done: page.next === undefined };
    await o.hooks?.afterCheckpoint?.(msg.segment, fromPage, seg.done);
  }
  await completeIfDone(msg.runId, instantOf(o.now ?? clockNow()));
  return { pages, done: true };
}

/** GET /v1/admin/policy-versions/{id}/sandbox/{runId}: progress, and the report so far. */
export async function sandboxView(actor: Actor, policyId: string, runId: string) {
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
