import { objectToApplication } from '../../services/objections';
import { objectApplication as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/applications/{id}/objection — during 公示, by any applicant: 201 with their own objection only. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  objectToApplication(actor, params.id, body, guard, now),
);
