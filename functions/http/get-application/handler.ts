import { ApplicationPath } from '../../../shared/schemas/application';
import { applicationDetailFor } from '../../services/applications';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/**
 * GET /v1/applications/{id} — detail with timeline; another subject's → 404, another
 * department's → 403; admins and auditors (issue 14) read every department's: every role may
 * call it, and who sees what is decided in shared/lifecycle/application-access.ts.
 */
export const handler = httpHandler(
  { access: 'any', params: ApplicationPath },
  async ({ actor, params }) => ok(await applicationDetailFor(asPerson(actor), params.id)),
);
