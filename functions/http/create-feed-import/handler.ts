import { CreateFeedJobBody } from '../../../shared/schemas/feeds';
import { createFeedImport } from '../../services/feed-import';
import { asAdmin } from '../_lib/actors';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/feeds — a feed file's import job and the pre-signed PUT for its bytes (issue #16). */
export const handler = httpHandler(
  { access: 'admin', body: CreateFeedJobBody },
  async ({ actor, body, now }) => created(await createFeedImport(asAdmin(actor), body, now)),
);
