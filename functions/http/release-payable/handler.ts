import { PayableParams, PayableReasonBody } from '../../../shared/schemas/payable';
import { operatePayable } from '../../services/payable-commands';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/release — 恢复拨付（原因必填；自动重试次数重新计算）. */
export const handler = httpHandler(
  { access: 'admin', params: PayableParams, body: PayableReasonBody },
  async ({ actor, params, body, now }) =>
    ok(
      await operatePayable(
        params.kind,
        params.id,
        { kind: 'release', reason: body.reason },
        actor,
        now,
      ),
    ),
);
