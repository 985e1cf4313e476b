import { resolveApplicationObjection } from '../../services/objections';
import { resolveObjection as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications/{id}/objections/{objectionId}/resolve — uphold (→ rejected) or dismiss, during 公示. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  resolveApplicationObjection(actor, params.id, params.objectionId, body, guard, now),
);
