import { ClaimStaffBody } from '../../../shared/schemas/staff';
import { claimStaff } from '../../services/staff';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/bind/staff — a new WeChat user claims a staff account with its one-time code; answers a session. */
export const handler = httpHandler(
  { access: 'public', body: ClaimStaffBody },
  async ({ body, now }) => ok(await claimStaff(body, now)),
);
