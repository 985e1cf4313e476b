import { policy } from '../../services/policies';
import { getPolicy as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/policies/{id} — one policy: conditions, materials (容缺 marked), review, 公示, 申兑指南. */
export const handler = httpHandler(route, ({ params }) => Promise.resolve(policy(params.id)));
