import { listPaymentBatches } from '../../services/payment-batches';
import { listPaymentBatches as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/payment-batches?status&cursor — 支付批次列表（管理员、财政局二级审核人员）. */
export const handler = httpHandler(route, ({ actor, query }) => listPaymentBatches(query, actor));
