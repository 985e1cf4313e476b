import { ExportPath } from '../../../shared/schemas/audit';
import { exportPolicy } from '../../services/audit-export';
import { httpHandler, ok } from '../_lib/http-handler';

/**
 * GET /v1/audit/policies/{policyId}/export — auditor, admin: every item and payment of the
 * policy as CSV, written page by page to storage; answers a link valid for minutes.
 */
export const handler = httpHandler(
  { access: ['auditor', 'admin'], params: ExportPath },
  async ({ params, now }) => ok(await exportPolicy(params.policyId, now)),
);
