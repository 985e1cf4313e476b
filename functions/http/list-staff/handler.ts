import { staffList } from '../../services/staff';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/staff — the staff accounts, with their state (disabled, claimed). */
export const handler = httpHandler({ access: 'admin' }, async () => ok(await staffList()));
