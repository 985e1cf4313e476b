import { listUndeliverable } from '../../services/notices';
import { listUndeliverableNotices as route } from '../../../shared/contracts/notices';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/notices — notices the sender gave up on (attempts, last error), newest first. */
export const handler = httpHandler(route, ({ query }) => listUndeliverable(query));
