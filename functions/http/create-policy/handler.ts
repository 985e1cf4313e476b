import { createPolicy as route } from '../../../shared/contracts/studio';
import { createPolicy } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/policy-versions — 新政策：以草稿保存第1版（文档先经类型检查；政策编号不能重复）. */
export const handler = httpHandler(route, ({ actor, body, now }) => createPolicy(actor, body, now));
