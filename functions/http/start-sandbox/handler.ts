import { startSandbox as route } from '../../../shared/contracts/studio';
import { logger } from '../../_lib/logger';
import { processSandbox, sandboxView, startSandbox } from '../../services/sandbox';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/policy-versions/{id}/sandbox {version, asOf?} — 政策沙盘：把草稿或已发布的版本
 * 放到全部主体的现有数据上试算（202，附进度）。On AWS its segments go to the segment queue;
 * locally they run in this process after the answer. The same Idempotency-Key finds the same run.
 */
export const handler = httpHandler(route, async ({ actor, params, body, idempotencyKey, now }) => {
  const run = await startSandbox(actor, params.id, body, {
    now,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
  if (run.dispatch === 'in-process' && run.status === 'running') {
    void processSandbox(run.id).catch((e: unknown) => {
      logger.error('in-process sandbox failed', {
        runId: run.id,
        error: e instanceof Error ? e.message : String(e),
      });
    });
  }
  return sandboxView(actor, params.id, run.id);
});
