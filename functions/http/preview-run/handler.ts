import { previewRun as route } from '../../../shared/contracts/money';
import { previewRun } from '../../services/auto-grant';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/admin/runs:preview — the count and total a run with this body would grant, so the
 * admin confirms before starting it (issue #17). Reads only.
 */
export const handler = httpHandler(route, ({ body, now }) => previewRun(body, { now }));
