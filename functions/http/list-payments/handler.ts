import { PaymentsQuery } from '../../../shared/schemas/payment';
import { listPaymentsFor } from '../../services/payments';
import { asPerson } from '../_lib/actors';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/payments — an applicant's own payments; an admin's view of all (optionally one status). */
export const handler = httpHandler(
  { access: ['applicant', 'admin'], query: PaymentsQuery },
  async ({ actor, query }) => ok(await listPaymentsFor(asPerson(actor), query)),
);
