import { publishedPolicies } from '../../services/policies';
import { listPolicies as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/policies — the published catalogue (public). */
export const handler = httpHandler(route, () => Promise.resolve(publishedPolicies()));
