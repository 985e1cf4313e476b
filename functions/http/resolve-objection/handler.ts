import { ResolveObjectionBody, ResolveObjectionPath } from '../../../shared/schemas/review';
import { resolveApplicationObjection } from '../../services/objections';
import { httpHandler } from '../_lib/http-handler';
import { asReviewer } from '../_lib/actors';

/** POST /v1/applications/{id}/objections/{objectionId}/resolve — uphold (→ rejected) or dismiss, during 公示. */
export const handler = httpHandler(
  { access: 'reviewer', params: ResolveObjectionPath, body: ResolveObjectionBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    resolveApplicationObjection(
      asReviewer(actor),
      params.id,
      params.objectionId,
      body,
      idempotencyKey,
      now,
    ),
);
