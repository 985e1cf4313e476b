import { ApplicationPath, ObjectionBody } from '../../../shared/schemas/application';
import { objectToApplication } from '../../services/objections';
import { httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/applications/{id}/objection — during 公示, by any applicant: 201 with their own objection only. */
export const handler = httpHandler(
  { access: 'applicant', params: ApplicationPath, body: ObjectionBody },
  async ({ actor, params, body, idempotencyKey, now }) =>
    objectToApplication(asApplicant(actor), params.id, body, idempotencyKey, now),
);
