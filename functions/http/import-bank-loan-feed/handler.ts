import { importBankLoanFeed as route } from '../../../shared/contracts/loans';
import { importBankFeed } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/bank/loan-feed — the bank's feed, each line applied once. */
export const handler = httpHandler(route, ({ actor, body, now }) =>
  importBankFeed(actor, body, now),
);
