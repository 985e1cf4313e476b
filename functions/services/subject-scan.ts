/**
 * The segment loop shared by the runs that read every subject but grant nothing (the 政策沙盘
 * and the 政策找企业 notices): one parallel-scan segment of a run, from its checkpoint to its end
 * (or until aborted), each page handed to `onPage` and its tallies added in the same
 * conditional write that advances the checkpoint (functions/repositories/runs.ts). Idempotent
 * like the auto-grant's: a segment already done returns at once, a worker that loses the
 * checkpoint race stops; a page redone after a crash must be harmless to `onPage`.
 */
import { instantOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import type { RunId } from '../../shared/ids';
import { maskText } from '../../shared/mask';
import { now as clockNow } from '../_lib/clock';
import { logger } from '../_lib/logger';
import { scanSubjects, type SubjectFacts } from '../repositories/facts';
import {
  checkpoint,
  completeIfDone,
  findRun,
  getSegment,
  isCheckpointLost,
  noteErrors,
  segmentsOf,
  type RunRecord,
} from '../repositories/runs';
import type { ProcessOptions } from './auto-grant';
import { mapLimit, withRetry } from './retry';

export type PageFn = (subjects: readonly SubjectFacts[]) => Promise<Record<string, number>>;

export async function scanRunSegment(
  run: RunRecord,
  segment: number,
  onPage: PageFn,
  o: ProcessOptions = {},
): Promise<{ pages: number; done: boolean }> {
  let seg = await getSegment(run.id, segment);
  if (!seg) throw notFound('分段');
  let pages = 0;
  while (!seg.done) {
    if (o.signal?.aborted) return { pages, done: false };
    const fromPage: number = seg.pages;
    const page = await withRetry(() =>
      scanSubjects({
        segment,
        totalSegments: run.totalSegments,
        cursor: seg?.cursor,
        limit: o.pageSize,
      }),
    );
    const tallies = await onPage(page.subjects);
    await o.hooks?.beforeCheckpoint?.(segment, fromPage);
    try {
      await withRetry(() =>
        checkpoint(run.id, segment, fromPage, page.next, {
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
    await o.hooks?.afterCheckpoint?.(segment, fromPage, seg.done);
  }
  await completeIfDone(run.id, instantOf(o.now ?? clockNow()));
  return { pages, done: true };
}

/** Every unfinished segment of a run, a few at a time, in this process. */
export async function processScanRun(
  runId: RunId,
  evaluateOne: (msg: { runId: RunId; segment: number }, o: ProcessOptions) => Promise<unknown>,
  o: ProcessOptions = {},
): Promise<RunRecord> {
  const run = await findRun(runId);
  if (!run) throw notFound('任务');
  if (run.status !== 'running') return run;
  const pending = (await segmentsOf(runId)).filter((s) => !s.done).map((s) => s.segment);
  await mapLimit(pending, o.segmentConcurrency ?? 4, async (segment) => {
    if (o.signal?.aborted) return;
    try {
      await evaluateOne({ runId, segment }, o);
    } catch (e) {
      const message = maskText(e instanceof Error ? e.message : String(e));
      logger.error('segment failed; it resumes from its checkpoint', {
        runId,
        segment,
        error: message,
      });
      await noteErrors(runId, [`segment ${String(segment)}: ${message}`]).catch(() => undefined);
    }
  });
  return (await findRun(runId)) ?? run;
}
