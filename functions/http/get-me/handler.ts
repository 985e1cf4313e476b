import { me } from '../../services/auth';
import { getMe as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/me — the user, role, bound subject (ID number masked) or department. */
export const handler = httpHandler(route, ({ actor }) => me(actor));
