import { NoticeListQuery } from '../../../shared/schemas/notice';
import { listUndeliverable } from '../../services/notices';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/notices — notices the sender gave up on (attempts, last error), newest first. */
export const handler = httpHandler({ access: 'admin', query: NoticeListQuery }, async ({ query }) =>
  ok(await listUndeliverable(query)),
);
