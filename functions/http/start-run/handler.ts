import { startRun as route } from '../../../shared/contracts/money';
import { logger } from '../../_lib/logger';
import { keyedRunId, processRun, startRun, toRunView } from '../../services/auto-grant';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/runs — starts an auto-grant run (202). On AWS its segments go to SQS
 * (SEGMENT_QUEUE_URL); locally they are processed in this process after the answer.
 * The same Idempotency-Key finds (and resumes) the same run.
 */
export const handler = httpHandler(route, async ({ body, idempotencyKey, now }) => {
  const run = await startRun(
    { ...body, runId: idempotencyKey ? keyedRunId(idempotencyKey) : undefined },
    { now },
  );
  if (run.dispatch === 'in-process' && run.status === 'running') {
    void processRun(run.id).catch((e: unknown) => {
      logger.error('in-process run failed', {
        runId: run.id,
        error: e instanceof Error ? e.message : String(e),
      });
    });
  }
  return toRunView(run);
});
