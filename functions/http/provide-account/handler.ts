import { AccountBody, ApplicationPath } from '../../../shared/schemas/application';
import { provideApplicationAccount } from '../../services/applications';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/applications/{id}/account — give or correct the receiving account (shown and logged masked only). */
export const handler = httpHandler(
  { access: 'applicant', params: ApplicationPath, body: AccountBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    provideApplicationAccount(asApplicant(actor), params.id, body, idempotencyKey, now),
);
