import { claimStaff } from '../../services/staff';
import { claimStaff as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/bind/staff — a new WeChat user claims a staff account with its one-time code; answers a session. */
export const handler = httpHandler(route, ({ body, now }) => claimStaff(body, now));
