import { listPaymentsFor } from '../../services/payments';
import { listPayments as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/payments — an applicant's own payments; an admin's view of all (optionally one status). */
export const handler = httpHandler(route, ({ actor, query }) => listPaymentsFor(actor, query));
