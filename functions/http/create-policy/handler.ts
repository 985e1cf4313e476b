import { DraftBody } from '../../../shared/schemas/studio';
import { createPolicy } from '../../services/studio';
import { created, httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/policy-versions — 新政策：以草稿保存第1版（文档先经类型检查；政策编号不能重复）. */
export const handler = httpHandler(
  { access: 'admin', body: DraftBody },
  async ({ actor, body, now }) => created(await createPolicy(actor, body, now)),
);
