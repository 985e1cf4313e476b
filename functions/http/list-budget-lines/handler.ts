import { budgetLines } from '../../services/budget';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/admin/budget-lines — 专账：每项政策每个预算年度一条预算线（已安排、已预留、已拨付、结余）. */
export const handler = httpHandler({ access: ['admin', 'auditor'] }, async ({ actor }) =>
  ok(await budgetLines(actor)),
);
