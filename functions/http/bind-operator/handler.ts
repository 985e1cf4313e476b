import { bindOperator } from '../../services/identity';
import { bindOperator as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/bind/operator — an unbound WeChat user redeems an invite code and becomes the enterprise's 经办人; answers a session. */
export const handler = httpHandler(route, ({ body, now }) => bindOperator(body, now));
