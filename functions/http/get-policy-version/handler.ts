import { getPolicyVersion as route } from '../../../shared/contracts/studio';
import { policyVersionDetail } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/policy-versions/{id}/{version} — 版本详情：文档、测试用例及其结果、操作记录. */
export const handler = httpHandler(route, ({ actor, params }) =>
  policyVersionDetail(actor, params.id, params.version),
);
