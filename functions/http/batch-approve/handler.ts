import { BatchApproveBody } from '../../../shared/schemas/review';
import { batchApprove } from '../../services/review';
import { httpHandler, ok } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/review/batch-approve — per-id results; one refusal does not stop the others. */
export const handler = httpHandler(
  { access: 'reviewer', body: BatchApproveBody },
  async ({ actor, body, now }) => ok(await batchApprove(asReviewer(actor), body.ids, now)),
);
