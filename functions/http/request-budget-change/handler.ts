import { requestBudgetChange as route } from '../../../shared/contracts/budget';
import { requestChange } from '../../services/budget';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/budget-changes — 申请追加、核减或调剂预算（事由、文号必填），须另一名管理员审批后生效. */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  requestChange(body, actor, now),
);
