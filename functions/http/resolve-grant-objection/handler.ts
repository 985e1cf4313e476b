import { GrantObjectionPath } from '../../../shared/schemas/publicity';
import { ResolveObjectionBody } from '../../../shared/schemas/review';
import type { GrantId } from '../../../shared/ids';
import { resolveGrantObjection } from '../../services/publicity';
import { httpHandler, ok } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/grants/{id}/objections/{objectionId}/resolve — uphold (grant cancelled) or dismiss, during 公示. */
export const handler = httpHandler(
  { access: 'reviewer', params: GrantObjectionPath, body: ResolveObjectionBody },
  async ({ actor, params, body, now }) =>
    ok(
      await resolveGrantObjection(
        asReviewer(actor),
        params.id as GrantId,
        params.objectionId,
        body,
        now,
      ),
    ),
);
