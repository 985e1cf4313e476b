import { ListQuery } from '../../../shared/schemas/grant';
import { listMyGrants } from '../../services/grants';
import { asApplicant } from '../_lib/actors';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/grants — the subject's 免申即享 grants, newest first (account masked). */
export const handler = httpHandler(
  { access: 'applicant', query: ListQuery },
  async ({ actor, query }) => ok(await listMyGrants(asApplicant(actor), query)),
);
