import { StartRunBody } from '../../../shared/schemas/admin';
import { previewRun } from '../../services/auto-grant';
import { httpHandler, ok } from '../_lib/http-handler';

/**
 * POST /v1/admin/runs:preview — the count and total a run with this body would grant, so the
 * admin confirms before starting it (issue #17). Reads only.
 */
export const handler = httpHandler({ access: 'admin', body: StartRunBody }, async ({ body, now }) =>
  ok(await previewRun(body, { now })),
);
