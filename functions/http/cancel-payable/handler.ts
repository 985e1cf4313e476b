import { PayableParams, PayableReasonBody } from '../../../shared/schemas/payable';
import { operatePayable } from '../../services/payable-commands';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/cancel — 取消拨付（原因必填）：同一事务释放预算占用与资格占用. */
export const handler = httpHandler(
  { access: 'admin', params: PayableParams, body: PayableReasonBody },
  async ({ actor, params, body, now }) =>
    ok(
      await operatePayable(
        params.kind,
        params.id,
        { kind: 'cancel', reason: body.reason },
        actor,
        now,
      ),
    ),
);
