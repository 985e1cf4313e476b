import { policy } from '../../services/policies';
import { getPolicy as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/policies/{id} — one policy: conditions, materials (容缺 marked), review, 公示, 申兑指南 with its parameters' values. */
export const handler = httpHandler(route, ({ params, now }) => policy(params.id, now));
