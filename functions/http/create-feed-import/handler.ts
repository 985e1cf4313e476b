import { createFeedImport as route } from '../../../shared/contracts/money';
import { createFeedImport } from '../../services/feed-import';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/feeds — a feed file's import job and the pre-signed PUT for its bytes (issue #16). */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  createFeedImport(actor, body, now),
);
