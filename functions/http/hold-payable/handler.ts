import { operatePayable } from '../../services/payable-commands';
import { holdPayable as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/hold — 暂停拨付（原因必填；拨付中的不能暂停）. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  operatePayable(params.kind, params.id, { kind: 'hold', reason: body.reason }, actor, now),
);
