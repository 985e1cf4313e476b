import { getFeedRejected as route } from '../../../shared/contracts/money';
import { rejectedRowsFile } from '../../services/feed-import';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/feeds/{id}/rejected — the rejected rows as a CSV: 行号, 原因, 原始内容. */
export const handler = httpHandler(route, ({ params }) => rejectedRowsFile(params.id));
