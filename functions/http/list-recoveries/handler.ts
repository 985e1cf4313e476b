import { listRecoveries } from '../../services/recoveries';
import { listRecoveries as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/recoveries?policyId=&status= — 某政策的追回记录（追回中、已追回、已核销）. */
export const handler = httpHandler(route, ({ query }) => listRecoveries(query));
