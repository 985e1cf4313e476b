import { operatePayable } from '../../services/payable-commands';
import { cancelPayable as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/cancel — 取消拨付（原因必填）：同一事务释放预算占用与资格占用. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  operatePayable(params.kind, params.id, { kind: 'cancel', reason: body.reason }, actor, now),
);
