import { operatePayable } from '../../services/payable-commands';
import { correctPayableAccount as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/payables/{kind}/{id}/account — 更正收款账户并重新拨付（原因必填；账号只以掩码返回）. */
export const handler = httpHandler(route, ({ actor, params, body: { reason, ...payee }, now }) =>
  operatePayable(params.kind, params.id, { kind: 'correct', payee, reason }, actor, now),
);
