import { createStaff } from '../../services/staff';
import { createStaff as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/staff — an admin creates a reviewer, auditor or admin account and gets its one-time claim code. */
export const handler = httpHandler(route, ({ actor, body, now }) => createStaff(actor, body, now));
