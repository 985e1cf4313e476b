import { RefreshBody } from '../../../shared/schemas/auth';
import { refresh } from '../../services/auth';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/auth/refresh — a spent-once refresh token buys a new access token and the next refresh token. */
export const handler = httpHandler({ access: 'public', body: RefreshBody }, async ({ body }) =>
  ok(await refresh(body)),
);
