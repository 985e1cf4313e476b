import { createInvite } from '../../services/identity';
import { createInvite as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/enterprise/invites — the enterprise's manager creates a one-time invite code for a 经办人. */
export const handler = httpHandler(route, ({ actor }) => createInvite(actor));
