import { loanStats } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/admin/loan-stats — loans by stage, lent, 贴息 per quarter, overdue/default rates, exposure. */
export const handler = httpHandler({ access: ['admin', 'auditor'] }, async ({ now }) =>
  loanStats(now),
);
