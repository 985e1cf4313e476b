import { logout } from '../../services/auth';
import { authLogout as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/auth/logout — ends every session of the caller (all devices). */
export const handler = httpHandler(route, ({ actor }) => logout(actor));
