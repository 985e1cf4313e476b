import { exportPolicyAudit as route } from '../../../shared/contracts/audit';
import { exportPolicy } from '../../services/audit-export';
import { httpHandler } from '../_lib/http-handler';

/**
 * GET /v1/audit/policies/{policyId}/export — auditor, admin: every item and payment of the
 * policy as CSV, written page by page to storage; answers a link valid for minutes.
 */
export const handler = httpHandler(route, ({ params, now }) => exportPolicy(params.policyId, now));
