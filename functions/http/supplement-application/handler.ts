import { ApplicationPath, SupplementBody } from '../../../shared/schemas/application';
import { supplementApplication } from '../../services/applications';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/applications/{id}/supplement — 容缺 or returned materials. */
export const handler = httpHandler(
  { access: 'applicant', params: ApplicationPath, body: SupplementBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    supplementApplication(asApplicant(actor), params.id, body, idempotencyKey, now),
);
