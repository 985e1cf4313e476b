import { ObjectionQueueQuery } from '../../../shared/schemas/publicity';
import { objectionQueue } from '../../services/publicity';
import { httpHandler, ok } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** GET /v1/review/objections — the reviewer's department's open 公示 objections (applications and grants). */
export const handler = httpHandler(
  { access: 'reviewer', query: ObjectionQueueQuery },
  async ({ actor, query }) => ok(await objectionQueue(asReviewer(actor), query)),
);
