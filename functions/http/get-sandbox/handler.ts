import { getSandbox as route } from '../../../shared/contracts/studio';
import { sandboxView } from '../../services/sandbox';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/policy-versions/{id}/sandbox/{runId} — 沙盘进度与报告（管理员、审计人员）. */
export const handler = httpHandler(route, ({ actor, params }) =>
  sandboxView(actor, params.id, params.runId),
);
