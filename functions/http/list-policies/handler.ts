import { publishedPolicies } from '../../services/policies';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/policies — the published catalogue (public): each policy in its version in force today. */
export const handler = httpHandler({ access: 'public' }, async ({ now }) =>
  ok(await publishedPolicies(now)),
);
