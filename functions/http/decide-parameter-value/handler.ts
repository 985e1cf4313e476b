import { decideParameterValue as route } from '../../../shared/contracts/studio';
import { decideParameterValue } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/parameters/{name}/{from}/{approve|reject} — 另一名管理员批准参数的待批取值，或写明原因驳回. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  decideParameterValue(actor, params.name, params.from, params.action, body, now),
);
