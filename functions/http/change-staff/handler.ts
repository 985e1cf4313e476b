import { ChangeStaffBody, StaffPath } from '../../../shared/schemas/staff';
import { changeStaff } from '../../services/staff';
import { asAdmin } from '../_lib/actors';
import { httpHandler, ok } from '../_lib/http-handler';

/** PATCH (or POST, for wx.request) /v1/admin/staff/{userId} — disable, re-enable, or change role/level; audited; ends the member's sessions. */
export const handler = httpHandler(
  { access: 'admin', params: StaffPath, body: ChangeStaffBody },
  async ({ actor, params, body, now }) => ok(await changeStaff(asAdmin(actor), params, body, now)),
);
