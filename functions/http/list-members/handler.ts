import { members } from '../../services/identity';
import { listMembers as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/enterprise/members — the enterprise's manager lists its manager and operators. */
export const handler = httpHandler(route, ({ actor }) => members(actor));
