import { importFacts } from '../../services/facts-import';
import { importFacts as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/facts:import — a data feed (JSON lines or CSV); rejected rows come back with line and reasons. */
export const handler = httpHandler(route, ({ body }) => importFacts(body));
