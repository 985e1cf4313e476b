import { PolicyPath } from '../../../shared/schemas/policy';
import { policy } from '../../services/policies';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/policies/{id} — one policy: conditions, materials (容缺 marked), review, 公示, 申兑指南 with its parameters' values. */
export const handler = httpHandler(
  { access: 'public', params: PolicyPath },
  async ({ params, now }) => ok(await policy(params.id, now)),
);
