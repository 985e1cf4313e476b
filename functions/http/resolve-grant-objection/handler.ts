import { resolveGrantObjection as route } from '../../../shared/contracts/audit';
import type { GrantId } from '../../../shared/ids';
import { resolveGrantObjection } from '../../services/publicity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/grants/{id}/objections/{objectionId}/resolve — uphold (grant cancelled) or dismiss, during 公示. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  resolveGrantObjection(actor, params.id as GrantId, params.objectionId, body, now),
);
