import { OpenRecoveryBody, PayableParams } from '../../../shared/schemas/payable';
import { openRecovery } from '../../services/recoveries';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/recovery — 追回：管理员或审计人员对已拨付事项发起追回（金额不超过已拨付金额，原因必填）. */
export const handler = httpHandler(
  { access: ['admin', 'auditor'], params: PayableParams, body: OpenRecoveryBody },
  async ({ actor, params, body, now }) =>
    created(await openRecovery(params.kind, params.id, body, actor, now)),
);
