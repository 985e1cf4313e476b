import { bindEnterprise } from '../../services/identity';
import { bindEnterprise as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/bind/enterprise — the legal representative binds the enterprise and becomes its manager; answers a session. */
export const handler = httpHandler(route, ({ body, now }) => bindEnterprise(body, now));
