import { CreateStaffBody } from '../../../shared/schemas/staff';
import { createStaff } from '../../services/staff';
import { asAdmin } from '../_lib/actors';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/staff — an admin creates a reviewer, auditor or admin account and gets its one-time claim code. */
export const handler = httpHandler(
  { access: 'admin', body: CreateStaffBody },
  async ({ actor, body, now }) => created(await createStaff(asAdmin(actor), body, now)),
);
