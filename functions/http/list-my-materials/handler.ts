import { listMyMaterials as route } from '../../../shared/contracts/apply';
import { reusableMaterials } from '../../services/materials';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/me/materials — files verified in the subject's earlier applications, to reuse. */
export const handler = httpHandler(route, ({ actor }) => reusableMaterials(actor));
