import { BindEnterpriseBody } from '../../../shared/schemas/identity';
import { bindEnterprise } from '../../services/identity';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/bind/enterprise — the legal representative binds the enterprise and becomes its manager; answers a session. */
export const handler = httpHandler(
  { access: 'public', body: BindEnterpriseBody },
  async ({ body, now }) => ok(await bindEnterprise(body, now)),
);
