import { listPayables } from '../../services/payable-commands';
import { listPayables as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/payables?kind=&status= — 待提供账户、暂停拨付、待拨付、拨付失败、退票的事项（账号掩码）. */
export const handler = httpHandler(route, ({ query }) => listPayables(query));
