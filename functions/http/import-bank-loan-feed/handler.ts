import { forbidden } from '../../../shared/errors';
import { BankFeedBody } from '../../../shared/schemas/loan';
import { importBankFeed } from '../../services/loans';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/bank/loan-feed — the bank's repayments, arrears, deferrals and defaults; each reference once. */
export const handler = httpHandler(
  { access: ['reviewer', 'admin'], body: BankFeedBody },
  async ({ actor, body, now }) => {
    if (actor.kind !== 'reviewer' && actor.kind !== 'admin')
      throw forbidden('当前身份无权访问此功能');
    return importBankFeed(actor, body, now);
  },
);
