import type { RecoveryId } from '../../../shared/lifecycle/recovery';
import { recordRecovery } from '../../services/recoveries';
import { recordRecovery as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/recoveries/{id}/recovered — 登记已追回：资金回到该政策的预算额度. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  recordRecovery(params.id as RecoveryId, body, actor, now),
);
