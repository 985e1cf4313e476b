import { staffList } from '../../services/staff';
import { listStaff as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/staff — the staff accounts, with their state (disabled, claimed). */
export const handler = httpHandler(route, () => staffList());
