import { me } from '../../services/auth';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** GET /v1/me — the user, role, bound subject (ID number masked) or department. */
export const handler = httpHandler({ access: 'any' }, async ({ actor }) =>
  ok(await me(asPerson(actor))),
);
