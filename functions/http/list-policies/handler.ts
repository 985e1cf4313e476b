import { publishedPolicies } from '../../services/policies';
import { listPolicies as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/policies — the published catalogue (public): each policy in its version in force today. */
export const handler = httpHandler(route, ({ now }) => publishedPolicies(now));
