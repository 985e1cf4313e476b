import { operatePayable } from '../../services/payable-commands';
import { releasePayable as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/release — 恢复拨付（原因必填；自动重试次数重新计算）. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  operatePayable(params.kind, params.id, { kind: 'release', reason: body.reason }, actor, now),
);
