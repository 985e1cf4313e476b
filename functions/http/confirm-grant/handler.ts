import type { GrantId } from '../../../shared/ids';
import { confirmGrant } from '../../services/grants';
import { confirmGrant as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/grants/{id}/confirm — the receiving account (stored, shown and logged masked only). */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  confirmGrant(actor, params.id as GrantId, body, guard, now),
);
