import { startFeedImport as route } from '../../../shared/contracts/money';
import { logger } from '../../_lib/logger';
import { getFeedJob } from '../../repositories/feed-jobs';
import { startStoredFeedImport } from '../../services/feed-fanout';
import { assertUploaded, viewOf } from '../../services/feed-import';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/feeds/{id}/start — the page says the upload finished (202). On AWS the
 * upload's own S3 event starts the import (functions/queue/import-feed), so this only checks
 * the file is there; under serverless-offline (`npm start`: no S3 events) the import runs in
 * this process after the answer, as auto-grant runs do: the same planner, and a large file's
 * byte ranges run here a few at a time (functions/services/feed-fanout.ts). A failed job is
 * resumed the same way.
 */
export const handler = httpHandler(route, async ({ params }) => {
  const job = await getFeedJob(params.id);
  if (job.status !== 'done') await assertUploaded(job);
  if (process.env.IS_OFFLINE && job.status !== 'done') {
    void startStoredFeedImport(job.id).catch((e: unknown) => {
      logger.error('in-process feed import failed', {
        jobId: job.id,
        error: e instanceof Error ? e.message : String(e),
      });
    });
  }
  return viewOf(job);
});
