import { BindOperatorBody } from '../../../shared/schemas/identity';
import { bindOperator } from '../../services/identity';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/bind/operator — an unbound WeChat user redeems an invite code and becomes the enterprise's 经办人; answers a session. */
export const handler = httpHandler(
  { access: 'public', body: BindOperatorBody },
  async ({ body, now }) => ok(await bindOperator(body, now)),
);
