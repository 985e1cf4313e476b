import { transitionPolicyVersion as route } from '../../../shared/contracts/studio';
import { transitionVersion } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/policy-versions/{id}/{version}/{submit|return|publish|retire} — 提交审核（运行测试用例）、
 * 退回修改（note）、发布（须另一名管理员；再次运行测试用例；有效期不得与已发布版本重叠）、停止（reason）.
 */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  transitionVersion(actor, params.id, params.version, params.action, body, now),
);
