import { FeedJobParams } from '../../../shared/schemas/feeds';
import { getFeedJob } from '../../repositories/feed-jobs';
import { viewOf } from '../../services/feed-import';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/feeds/{id} — the import's status and progress (rows read, accepted, rejected, rows/s). */
export const handler = httpHandler({ access: 'admin', params: FeedJobParams }, async ({ params }) =>
  ok(viewOf(await getFeedJob(params.id))),
);
