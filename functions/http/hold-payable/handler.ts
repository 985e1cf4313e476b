import { PayableParams, PayableReasonBody } from '../../../shared/schemas/payable';
import { operatePayable } from '../../services/payable-commands';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/hold — 暂停拨付（原因必填；拨付中的不能暂停）. */
export const handler = httpHandler(
  { access: 'admin', params: PayableParams, body: PayableReasonBody },
  async ({ actor, params, body, now }) =>
    ok(
      await operatePayable(
        params.kind,
        params.id,
        { kind: 'hold', reason: body.reason },
        actor,
        now,
      ),
    ),
);
