import { RunIdParams } from '../../../shared/schemas/admin';
import type { RunId } from '../../../shared/ids';
import { getRun } from '../../repositories/runs';
import { toRunView } from '../../services/auto-grant';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/runs/{id} — progress and totals of an auto-grant run. */
export const handler = httpHandler({ access: 'admin', params: RunIdParams }, async ({ params }) =>
  ok(toRunView(await getRun(params.id as RunId))),
);
