import type { RecoveryId } from '../../../shared/lifecycle/recovery';
import { PayableReasonBody, RecoveryIdParams } from '../../../shared/schemas/payable';
import { writeOffRecovery } from '../../services/recoveries';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/recoveries/{id}/write-off — 核销：无法追回，原因必填. */
export const handler = httpHandler(
  { access: 'admin', params: RecoveryIdParams, body: PayableReasonBody },
  async ({ actor, params, body, now }) =>
    ok(await writeOffRecovery(params.id as RecoveryId, body, actor, now)),
);
