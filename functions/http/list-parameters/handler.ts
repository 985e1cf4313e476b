import { listParameters as route } from '../../../shared/contracts/studio';
import { listParameters } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/parameters — 政策参数：名称、单位及按生效日期的取值（管理员；审计人员只读）. */
export const handler = httpHandler(route, ({ actor, now }) => listParameters(actor, now));
