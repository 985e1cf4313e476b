/** /v1/grants (免申即享), typed and parsed by shared/schemas/grant. */
import { GrantPage, GrantView, type ConfirmGrantBody } from '@shared/schemas/grant';
import { call, withQuery } from './client';

export type { ConfirmGrantBody, GrantPage, GrantStatus, GrantView } from '@shared/schemas/grant';

/** GET /v1/grants */
export const listGrants = (cursor?: string) =>
  call('GET', withQuery('/v1/grants', { cursor }), GrantPage);

/** POST /v1/grants/{id}/confirm — the receiving account. */
export const confirmGrant = (id: string, body: ConfirmGrantBody, idempotencyKey: string) =>
  call('POST', `/v1/grants/${encodeURIComponent(id)}/confirm`, GrantView, body, idempotencyKey);
