import { batchApprove } from '../../services/review';
import { batchApprove as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/review/batch-approve — per-id results; one refusal does not stop the others. */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  batchApprove(actor, body.ids, now),
);
