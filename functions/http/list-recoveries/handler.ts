import { RecoveriesQuery } from '../../../shared/schemas/recovery-list';
import { listRecoveries } from '../../services/recoveries';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/recoveries?policyId=&status= — 某政策的追回记录（追回中、已追回、已核销）. */
export const handler = httpHandler({ access: 'admin', query: RecoveriesQuery }, async ({ query }) =>
  ok(await listRecoveries(query)),
);
