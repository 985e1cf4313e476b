import { listLoans as route } from '../../../shared/contracts/loans';
import { listLoans } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/loans — own loans, a step's queue, or every loan (admin, auditor). */
export const handler = httpHandler(route, ({ actor, query, now }) => listLoans(actor, query, now));
