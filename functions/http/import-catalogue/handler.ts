import { importCatalogue as route } from '../../../shared/contracts/studio';
import { importCatalogue } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/catalogue:import — 导入参数和政策草稿：全部检查通过才在一个事务中写入，否则一项不存. */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  importCatalogue(actor, body, now),
);
