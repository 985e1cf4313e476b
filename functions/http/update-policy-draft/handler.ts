import { DraftBody, PolicyVersionPath } from '../../../shared/schemas/studio';
import { updateDraft } from '../../services/studio';
import { httpHandler, ok } from '../_lib/http-handler';

/** PUT /v1/admin/policy-versions/{id}/{version} — 修改草稿（只有草稿可改；已发布的版本不可变）. */
export const handler = httpHandler(
  { access: 'admin', params: PolicyVersionPath, body: DraftBody },
  async ({ actor, params, body, now }) =>
    ok(await updateDraft(actor, params.id, params.version, body, now)),
);
