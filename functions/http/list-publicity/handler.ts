import { listPublicity as route } from '../../../shared/contracts/audit';
import { publicList } from '../../services/publicity';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/publicity — public (no login): items in 公示, masked names, per policy and department, paginated. */
export const handler = httpHandler(route, ({ query, now }) => publicList(query, now));
