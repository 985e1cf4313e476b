import { ObjectionListQuery } from '../../../shared/schemas/application';
import { myObjections } from '../../services/objections';
import { httpHandler, ok } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** GET /v1/me/objections — the objections the signed-in applicant raised, each with its ruling. Cursor-paginated. */
export const handler = httpHandler(
  { access: 'applicant', query: ObjectionListQuery },
  async ({ actor, query }) => ok(await myObjections(asApplicant(actor), query)),
);
