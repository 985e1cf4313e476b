import { getFeedImport as route } from '../../../shared/contracts/money';
import { getFeedJob } from '../../repositories/feed-jobs';
import { viewOf } from '../../services/feed-import';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/feeds/{id} — the import's status and progress (rows read, accepted, rejected, rows/s). */
export const handler = httpHandler(route, async ({ params }) =>
  viewOf(await getFeedJob(params.id)),
);
