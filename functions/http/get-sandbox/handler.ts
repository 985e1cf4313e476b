import { SandboxPath } from '../../../shared/schemas/sandbox';
import { sandboxView } from '../../services/sandbox';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/policy-versions/{id}/sandbox/{runId} — 沙盘进度与报告（管理员、审计人员）. */
export const handler = httpHandler(
  { access: ['admin', 'auditor'], params: SandboxPath },
  async ({ actor, params }) => ok(await sandboxView(actor, params.id, params.runId)),
);
