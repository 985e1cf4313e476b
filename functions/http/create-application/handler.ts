import { SubmitApplicationBody } from '../../../shared/schemas/application';
import { createApplication } from '../../services/applications';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/applications — create and submit; Idempotency-Key makes a double tap one application. */
export const handler = httpHandler(
  { access: 'applicant', body: SubmitApplicationBody },
  async ({ actor, body, idempotencyKey, now }) =>
    createApplication(asApplicant(actor), body, idempotencyKey, now),
);
