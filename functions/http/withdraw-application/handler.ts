import { ApplicationPath, WithdrawBody } from '../../../shared/schemas/application';
import { withdrawApplication } from '../../services/applications';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/applications/{id}/withdraw — before a decision. */
export const handler = httpHandler(
  { access: 'applicant', params: ApplicationPath, body: WithdrawBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    withdrawApplication(asApplicant(actor), params.id, body, idempotencyKey, now),
);
