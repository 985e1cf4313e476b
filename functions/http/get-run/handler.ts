import type { RunId } from '../../../shared/ids';
import { getRun } from '../../repositories/runs';
import { toRunView } from '../../services/auto-grant';
import { getRun as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/runs/{id} — progress and totals of an auto-grant run. */
export const handler = httpHandler(route, async ({ params }) =>
  toRunView(await getRun(params.id as RunId)),
);
