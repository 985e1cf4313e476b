import { transitionPolicyVersion as route } from '../../../shared/contracts/studio';
import { noticeNewlyQualified } from '../../services/policy-notices';
import { transitionVersion } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/policy-versions/{id}/{version}/{submit|return|publish|retire} — 提交审核（运行测试用例）、
 * 退回修改（note）、发布（须另一名管理员；再次运行测试用例；有效期不得与已发布版本重叠）、停止（reason）.
 * A publish then starts 政策找企业: a notice to every subject the version newly qualifies.
 */
export const handler = httpHandler(route, async ({ actor, params, body, now }) => {
  const detail = await transitionVersion(
    actor,
    params.id,
    params.version,
    params.action,
    body,
    now,
  );
  if (params.action === 'publish') await noticeNewlyQualified(params.id, params.version, now);
  return detail;
});
