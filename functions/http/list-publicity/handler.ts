import { PublicityQuery } from '../../../shared/schemas/publicity';
import { publicList } from '../../services/publicity';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/publicity — public (no login): items in 公示, masked names, per policy and department, paginated. */
export const handler = httpHandler(
  { access: 'public', query: PublicityQuery },
  async ({ query, now }) => ok(await publicList(query, now)),
);
