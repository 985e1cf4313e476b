import { refresh } from '../../services/auth';
import { authRefresh as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/auth/refresh — a spent-once refresh token buys a new access token and the next refresh token. */
export const handler = httpHandler(route, ({ body }) => refresh(body));
