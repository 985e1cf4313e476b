import { PolicyVersionActionPath, VersionActionBody } from '../../../shared/schemas/studio';
import { transitionVersion } from '../../services/studio';
import { httpHandler, ok } from '../_lib/http-handler';

/**
 * POST /v1/admin/policy-versions/{id}/{version}/{submit|return|publish|retire} — 提交审核（运行测试用例）、
 * 退回修改（note）、发布（须另一名管理员；再次运行测试用例；有效期不得与已发布版本重叠）、停止（reason）.
 */
export const handler = httpHandler(
  { access: 'admin', params: PolicyVersionActionPath, body: VersionActionBody },
  async ({ actor, params, body, now }) =>
    ok(await transitionVersion(actor, params.id, params.version, params.action, body, now)),
);
