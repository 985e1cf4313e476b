import { listApplicationsFor } from '../../services/applications';
import { listApplications as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/applications — applicant: own subject's; reviewer: own department's. Cursor-paginated. */
export const handler = httpHandler(route, ({ actor, query }) => listApplicationsFor(actor, query));
