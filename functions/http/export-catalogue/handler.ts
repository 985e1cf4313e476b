import { exportCatalogue as route } from '../../../shared/contracts/studio';
import { exportCatalogue } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/catalogue:export — 全部政策版本（含测试用例）和参数的 JSON 导出. */
export const handler = httpHandler(route, ({ actor }) => exportCatalogue(actor));
