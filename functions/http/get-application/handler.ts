import { ApplicationPath } from '../../../shared/schemas/application';
import { applicationDetailFor } from '../../services/applications';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** GET /v1/applications/{id} — detail with timeline; another subject's → 404, another department's → 403. */
export const handler = httpHandler(
  { access: ['applicant', 'reviewer'], params: ApplicationPath },
  async ({ actor, params, now }) => ok(await applicationDetailFor(asPerson(actor), params.id, now)),
);
