import { NewVersionBody, PolicyIdPath } from '../../../shared/schemas/studio';
import { createVersion } from '../../services/studio';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/policy-versions/{id} — 新版本：给出文档，或不给则复制最新版本为草稿. */
export const handler = httpHandler(
  { access: 'admin', params: PolicyIdPath, body: NewVersionBody },
  async ({ actor, params, body, now }) => created(await createVersion(actor, params.id, body, now)),
);
