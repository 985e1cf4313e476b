/**
 * Scheduled handlers share one shape: run the service, log the (masked) summary, and let
 * errors escape so EventBridge Scheduler retries and the failure is visible. Each service
 * is idempotent and resumable, so a retry or an overlapping run is safe.
 *
 * Local stacks (never AWS) may run a job "later" with an event `{ "asOf": ISO instant }`,
 * so a demo or an end-to-end test can close a 5-day 公示 without waiting 5 days. Only
 * where SCHEDULE_CLOCK_OVERRIDE=on, and only forward in time.
 */
import { z } from 'zod';
import { now as clockNow } from './clock';
import { logger } from './logger';
import { businessMetrics, flushMetrics } from './metrics';

const Override = z.object({ asOf: z.iso.datetime({ offset: true }) });

function runAt(event: unknown): Date {
  const now = clockNow();
  if (process.env.SCHEDULE_CLOCK_OVERRIDE !== 'on') return now;
  const parsed = Override.safeParse(event);
  if (!parsed.success) return now;
  const asOf = new Date(parsed.data.asOf);
  return asOf > now ? asOf : now;
}

export interface ScheduledOptions<R> {
  /**
   * A run that finished with items it could not process (they are retried on the next run)
   * still counts as failed for the JobRunsFailed metric and its alarm (docs/runbook.md).
   */
  failed?: (result: R) => boolean;
}

/** What a job may read of the Lambda context (absent in-process: npm start's direct calls, tests). */
export interface ScheduleContext {
  getRemainingTimeInMillis(): number;
}

/**
 * How long before the Lambda's deadline a job that drains in a loop (disburse, 公示 closing)
 * stops starting work: what is in flight then finishes (a treasury call times out after 5 s, a
 * page of 公示 is at most 100 transactions) and the run returns instead of being cut off; the
 * next run takes the rest.
 */
export const SAFETY_MS = 30_000;

/** The time budget a draining job is given: the Lambda's remaining time less SAFETY_MS; none in-process. */
export function timeBudget(context?: ScheduleContext): { timeLeftMs?: () => number } {
  return context ? { timeLeftMs: () => context.getRemainingTimeInMillis() - SAFETY_MS } : {};
}

export function scheduled<R>(
  job: string,
  run: (now: Date, context?: ScheduleContext) => Promise<R>,
  options: ScheduledOptions<R> = {},
) {
  return async (event?: unknown, context?: ScheduleContext): Promise<R> => {
    const started = Date.now();
    logger.appendKeys({ job });
    try {
      const result = await run(runAt(event), context);
      logger.info('schedule finished', { result, ms: Date.now() - started });
      if (options.failed?.(result)) {
        logger.warn('schedule finished with failed items', { job });
        businessMetrics.jobRunFailed(job);
      }
      return result;
    } catch (e) {
      logger.error('schedule failed', { error: (e as Error).message });
      businessMetrics.jobRunFailed(job);
      throw e;
    } finally {
      logger.removeKeys(['job']);
      flushMetrics();
    }
  };
}
