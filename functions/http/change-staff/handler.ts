import { changeStaff } from '../../services/staff';
import { changeStaff as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** PATCH (or POST, for wx.request) /v1/admin/staff/{userId} — disable, re-enable, or change role/level; audited; ends the member's sessions. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  changeStaff(actor, params, body, now),
);
