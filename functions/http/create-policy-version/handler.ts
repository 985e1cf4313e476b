import { createPolicyVersion as route } from '../../../shared/contracts/studio';
import { createVersion } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/policy-versions/{id} — 新版本：给出文档，或不给则复制最新版本为草稿. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  createVersion(actor, params.id, body, now),
);
