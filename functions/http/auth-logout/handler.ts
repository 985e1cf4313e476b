import { logout } from '../../services/auth';
import { asPerson } from '../_lib/actors';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/auth/logout — ends every session of the caller (all devices). */
export const handler = httpHandler({ access: 'any' }, async ({ actor }) =>
  ok(await logout(asPerson(actor))),
);
