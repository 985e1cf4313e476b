import { objectPublicity as route } from '../../../shared/contracts/audit';
import { objectPublicly, publicityTarget } from '../../services/publicity';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/publicity/{kind}/{id}/objections — public: anyone objects with a phone and a reason,
 * rate limited per phone and per IP; 201 with the objection id and the code to follow it.
 */
export const handler = httpHandler(route, ({ params, body, event, now }) =>
  objectPublicly(
    publicityTarget(params.kind, params.id),
    body,
    event.requestContext.http.sourceIp,
    now,
  ),
);
