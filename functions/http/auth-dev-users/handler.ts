import { devUsers } from '../../services/auth';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/auth/dev-users — the seeded demo users for the local login page (404 unless DEV_LOGIN=on). */
export const handler = httpHandler({ access: 'public' }, async () => ok(await devUsers()));
