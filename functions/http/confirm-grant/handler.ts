import { ConfirmGrantBody, GrantIdParams } from '../../../shared/schemas/grant';
import type { GrantId } from '../../../shared/ids';
import { confirmGrant } from '../../services/grants';
import { asApplicant } from '../_lib/actors';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/grants/{id}/confirm — the receiving account (stored, shown and logged masked only). */
export const handler = httpHandler(
  { access: 'applicant', params: GrantIdParams, body: ConfirmGrantBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    confirmGrant(asApplicant(actor), params.id as GrantId, body, idempotencyKey, now),
);
