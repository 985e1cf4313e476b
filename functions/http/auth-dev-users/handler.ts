import { devUsers } from '../../services/auth';
import { authDevUsers as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/auth/dev-users — the seeded demo users for the local login page (404 unless DEV_LOGIN=on). */
export const handler = httpHandler(route, () => devUsers());
