import { listMyGrants } from '../../services/grants';
import { listGrants as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/grants — the subject's 免申即享 grants, newest first (account masked). */
export const handler = httpHandler(route, ({ actor, query }) => listMyGrants(actor, query));
