import { ApplicationListQuery } from '../../../shared/schemas/application';
import { listApplicationsFor } from '../../services/applications';
import { httpHandler, ok } from '../_lib/http-handler';
import { asPerson } from '../_lib/actors';

/** GET /v1/applications — applicant: own subject's; reviewer: own department's. Cursor-paginated. */
export const handler = httpHandler(
  { access: ['applicant', 'reviewer'], query: ApplicationListQuery },
  async ({ actor, query }) => ok(await listApplicationsFor(asPerson(actor), query)),
);
