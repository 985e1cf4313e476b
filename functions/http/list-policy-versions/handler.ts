import { listPolicyVersions as route } from '../../../shared/contracts/studio';
import { listPolicyVersions } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/policy-versions — 政策版本：每个政策的全部版本及状态（管理员；审计人员只读）. */
export const handler = httpHandler(route, ({ actor }) => listPolicyVersions(actor));
