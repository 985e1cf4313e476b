import { updatePolicyDraft as route } from '../../../shared/contracts/studio';
import { updateDraft } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** PUT /v1/admin/policy-versions/{id}/{version} — 修改草稿（只有草稿可改；已发布的版本不可变）. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  updateDraft(actor, params.id, params.version, body, now),
);
