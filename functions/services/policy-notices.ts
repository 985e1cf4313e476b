/**
 * 政策找企业 (issue #11): publishing a version starts a job that reads every subject's facts
 * (the run machinery's parallel-scan segments and checkpoints) and writes one outbox notice
 * to each subject the version newly qualifies. Idempotent per (version, subject): the job's id
 * is derived from the version, so a second publish trigger resumes the same job, and each
 * notice is a conditional put keyed by (policy, subject, version) — a page redone after a
 * crash, or a rerun, finds it there and sends nothing twice. The same job tells the subjects the
 * version misses by exactly one condition which condition and what would meet it (a near miss),
 * once per (version, subject) the same way, under its own key.
 */
import { policyIdOf } from '../../shared/auto-grant';
import { instantOf, localDateOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import { deterministicId, type RunId } from '../../shared/ids';
import { paramValuesOf } from '../../shared/policies';
import {
  nearMissNotice,
  newlyQualified,
  oneConditionShort,
  policyNotice,
} from '../../shared/policy-notices';
import { sandboxAsOf } from '../../shared/sandbox';
import { logger } from '../_lib/logger';
import { putNoticeOnce } from '../repositories/outbox';
import { getPolicyVersion, loadCatalogueItems } from '../repositories/policies';
import { createRun, findRun, type RunRecord } from '../repositories/runs';
import { defaultSegments, enqueueSegments, type ProcessOptions } from './auto-grant';
import { mapLimit, withRetry } from './retry';
import { processScanRun, scanRunSegment } from './subject-scan';

const PREFIX = 'run_notify~';
export const isPolicyNoticeRunId = (id: string): boolean => id.startsWith(PREFIX);
/** One job per published version. */
export const policyNoticeRunId = (policyId: string, version: number): RunId =>
  deterministicId('run', 'notify', policyId, `v${String(version)}`);

/**
 * Creates (or finds) the notice job of a just-published version, judged as of `now`'s date kept
 * inside the version's window, against the published version before it. On AWS its segments
 * go to the segment queue; in-process the caller then calls processPolicyNotices.
 */
export async function startPolicyNotices(
  policyId: string,
  version: number,
  now: Date,
): Promise<RunRecord> {
  const [{ document, status }, { versions }] = await Promise.all([
    getPolicyVersion(policyId, version),
    loadCatalogueItems(),
  ]);
  if (status !== 'published') throw notFound(`已发布的政策「${policyId}」第${String(version)}版`);
  const before = versions
    .filter(
      (v) =>
        v.policyId === policyId &&
        v.policyVersion < version &&
        (v.status === 'published' || v.status === 'retired'),
    )
    .map((v) => v.policyVersion)
    .sort((a, b) => b - a)[0];
  const at = instantOf(now);
  const id = policyNoticeRunId(policyId, version);
  const dispatch =
    process.env.SEGMENT_QUEUE_URL && !process.env.IS_OFFLINE ? 'queue' : 'in-process';
  await createRun({
    id,
    asOf: sandboxAsOf(document, localDateOf(at)),
    policyIds: [policyId],
    totalSegments: await defaultSegments(),
    dispatch,
    startedAt: at,
    sandbox: { policyId, version, ...(before === undefined ? {} : { baselineVersion: before }) },
  });
  const run = await findRun(id);
  if (!run) throw notFound('通知任务');
  if (run.status === 'running' && dispatch === 'queue') await enqueueSegments(run);
  return run;
}

export function processPolicyNotices(runId: RunId, o: ProcessOptions = {}): Promise<RunRecord> {
  return processScanRun(runId, evaluatePolicyNoticeSegment, o);
}

/** The outbox aggregate of a subject's near-miss notice: apart from its newly-qualified one. */
export const nearMissAggregateId = (policyId: string, subjectId: string): string =>
  `${policyIdOf(policyId)}~${subjectId}~near`;

/**
 * One segment: the page's newly qualified subjects each get their notice, once; so do the
 * subjects one condition short, with the condition and what would meet it.
 */
export async function evaluatePolicyNoticeSegment(
  msg: { runId: RunId; segment: number },
  o: ProcessOptions = {},
): Promise<{ pages: number; done: boolean }> {
  const run = await findRun(msg.runId);
  if (!run?.sandbox) throw notFound('通知任务');
  const { policyId, version, baselineVersion } = run.sandbox;
  const [published, before, { parameters }] = await Promise.all([
    getPolicyVersion(policyId, version).then((r) => r.document),
    baselineVersion === undefined
      ? undefined
      : getPolicyVersion(policyId, baselineVersion).then((r) => r.document),
    loadCatalogueItems(),
  ]);
  const params = paramValuesOf(parameters);
  const createdAt = o.now ? instantOf(o.now) : run.startedAt;
  return scanRunSegment(
    run,
    msg.segment,
    async (subjects) => {
      const found = newlyQualified(subjects, published, before, run.asOf, params);
      let written = 0;
      let existed = 0;
      await mapLimit(found, 8, async (q) => {
        const r = await withRetry(() =>
          putNoticeOnce({
            subjectId: q.subjectId,
            aggregate: {
              kind: 'policy',
              id: `${policyIdOf(policyId)}~${q.subjectId}`,
              version,
            },
            notice: policyNotice(published, q.amountFen, run.asOf),
            createdAt,
          }),
        );
        if (r === 'written') written++;
        else existed++;
      });
      const short = oneConditionShort(subjects, published, run.asOf, params);
      let nearWritten = 0;
      let nearExisted = 0;
      await mapLimit(short, 8, async (miss) => {
        const r = await withRetry(() =>
          putNoticeOnce({
            subjectId: miss.subjectId,
            aggregate: {
              kind: 'policy',
              id: nearMissAggregateId(policyId, miss.subjectId),
              version,
            },
            notice: nearMissNotice(published, miss),
            createdAt,
          }),
        );
        if (r === 'written') nearWritten++;
        else nearExisted++;
      });
      return {
        qualified: found.length,
        noticesWritten: written,
        alreadyNotified: existed,
        oneShort: short.length,
        nearMissWritten: nearWritten,
        nearMissAlreadyNotified: nearExisted,
      };
    },
    o,
  );
}

/**
 * After a publish: start the version's notice job and, in-process, run it after the answer.
 * The publish has happened whatever this does; a failure to start is logged (publishing
 * commits the version first, and the job's id is the version's, so starting it again is safe).
 */
export async function noticeNewlyQualified(
  policyId: string,
  version: number,
  now: Date,
): Promise<void> {
  try {
    const run = await startPolicyNotices(policyId, version, now);
    if (run.dispatch === 'in-process' && run.status === 'running')
      void processPolicyNotices(run.id).catch((e: unknown) => {
        logger.error('policy notices failed', {
          runId: run.id,
          error: e instanceof Error ? e.message : String(e),
        });
      });
  } catch (e) {
    logger.error('policy notices not started', {
      policyId,
      version,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}
