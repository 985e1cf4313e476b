import { openRecovery } from '../../services/recoveries';
import { openRecovery as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/recovery — 追回：管理员或审计人员对已拨付事项发起追回（金额不超过已拨付金额，原因必填）. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  openRecovery(params.kind, params.id, body, actor, now),
);
