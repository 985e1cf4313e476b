import { setParameter as route } from '../../../shared/contracts/studio';
import { setParameter } from '../../services/studio';
import { httpHandler } from '../_lib/http-handler';

/** PUT /v1/admin/parameters/{name} — 设定参数自某日（不早于今天）起的取值；新参数须给出名称和单位. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  setParameter(actor, params.name, body, now),
);
