import { getLoan as route } from '../../../shared/contracts/loans';
import { getLoanDetail } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/loans/{id} — steps, contract, schedule, repayments, 贴息 and the timeline. */
export const handler = httpHandler(route, ({ actor, params, now }) =>
  getLoanDetail(actor, params.id, now),
);
