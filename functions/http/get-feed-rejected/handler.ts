import { FeedJobParams } from '../../../shared/schemas/feeds';
import { rejectedRowsFile } from '../../services/feed-import';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/feeds/{id}/rejected — the rejected rows as a CSV: 行号, 原因, 原始内容. */
export const handler = httpHandler({ access: 'admin', params: FeedJobParams }, async ({ params }) =>
  ok(await rejectedRowsFile(params.id)),
);
