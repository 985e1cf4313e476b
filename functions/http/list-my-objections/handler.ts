import { myObjections } from '../../services/objections';
import { listMyObjections as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/me/objections — the objections the signed-in applicant raised, each with its ruling. Cursor-paginated. */
export const handler = httpHandler(route, ({ actor, query }) => myObjections(actor, query));
