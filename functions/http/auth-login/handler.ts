import { LoginBody } from '../../../shared/schemas/auth';
import { login } from '../../services/auth';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/auth/login — WeChat code (code2Session) or, where DEV_LOGIN=on, a demo user. */
export const handler = httpHandler({ access: 'public', body: LoginBody }, async ({ body }) =>
  ok(await login(body)),
);
