/** /v1/grants (免申即享), by their route contracts (shared/contracts). */
import type { ConfirmGrantBody } from '@shared/schemas/grant';
import * as routes from '@shared/contracts/money';
import { call } from './client';

export type { ConfirmGrantBody, GrantPage, GrantStatus, GrantView } from '@shared/schemas/grant';

/** GET /v1/grants */
export const listGrants = (cursor?: string) => call(routes.listGrants, { query: { cursor } });

/** POST /v1/grants/{id}/confirm — the receiving account. */
export const confirmGrant = (id: string, body: ConfirmGrantBody, idempotencyKey: string) =>
  call(routes.confirmGrant, { params: { id }, body, idempotencyKey });
