import { login } from '../../services/auth';
import { authLogin as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/auth/login — WeChat code (code2Session) or, where DEV_LOGIN=on, a demo user. */
export const handler = httpHandler(route, ({ body }) => login(body));
