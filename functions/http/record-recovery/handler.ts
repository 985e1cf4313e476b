import type { RecoveryId } from '../../../shared/lifecycle/recovery';
import { RecoveredBody, RecoveryIdParams } from '../../../shared/schemas/payable';
import { recordRecovery } from '../../services/recoveries';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/recoveries/{id}/recovered — 登记已追回：资金回到该政策的预算额度. */
export const handler = httpHandler(
  { access: 'admin', params: RecoveryIdParams, body: RecoveredBody },
  async ({ actor, params, body, now }) =>
    ok(await recordRecovery(params.id as RecoveryId, body, actor, now)),
);
