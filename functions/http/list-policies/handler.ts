import { publishedPolicies } from '../../services/policies';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/policies — the published catalogue (public). */
export const handler = httpHandler({ access: 'public' }, async () => ok(publishedPolicies()));
