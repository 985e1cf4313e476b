import { recordLoanBankEvent as route } from '../../../shared/contracts/loans';
import { recordBankEvent } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/loans/{id}/bank-events — one bank event, once per bank reference. */
export const handler = httpHandler(route, ({ actor, params, body, guard, now }) =>
  recordBankEvent(actor, params.id, body, guard, now),
);
