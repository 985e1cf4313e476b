import { ImportFactsBody } from '../../../shared/schemas/facts-import';
import { importFacts } from '../../services/facts-import';
import { httpHandler, ok } from '../_lib/http-handler';

/** POST /v1/admin/facts:import — a data feed (JSON lines or CSV); rejected rows come back with line and reasons. */
export const handler = httpHandler({ access: 'admin', body: ImportFactsBody }, async ({ body, now }) =>
  ok(await importFacts(body, now)),
);
