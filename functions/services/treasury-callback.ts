/**
 * The treasury's callback (POST /v1/treasury/callback): its answer about one order, settled
 * by the order's idempotency key through the same path as a direct answer or a status query
 * (applyTreasuryAnswer), so a duplicate or late callback changes nothing. The signature has
 * been verified by the handler before this runs.
 */
import { DomainError } from '../../shared/errors';
import type { PaymentId } from '../../shared/ids';
import { paymentIdFor } from '../../shared/payment';
import type { TreasuryCallbackBody } from '../../shared/schemas/treasury';
import { outcomeOf } from '../adapters/treasury';
import { findPayment } from '../repositories/payments';
import { applyTreasuryAnswer, type ApplyOutcome } from './disburse';

/** The payment an idempotency key `<item id>:<attempt>` belongs to; undefined when the key cannot be one of ours. */
export function paymentIdOfKey(key: string): PaymentId | undefined {
  const at = key.lastIndexOf(':');
  const attempt = key.slice(at + 1);
  if (at <= 0 || !/^[1-9]\d{0,5}$/.test(attempt)) return undefined;
  return paymentIdFor(key.slice(0, at), Number(attempt));
}

const unknownKey = () => new DomainError('NOT_FOUND', '拨付记录不存在', { reason: 'unknown_key' });

/** What the gateway is answered: the payment its key names and what the answer did to it. */
export interface TreasuryCallbackView {
  idempotencyKey: string;
  paymentId: string;
  result: ApplyOutcome;
  status: string | undefined;
}

export async function settleTreasuryCallback(
  body: TreasuryCallbackBody,
  at: Date,
): Promise<TreasuryCallbackView> {
  const paymentId = paymentIdOfKey(body.idempotencyKey);
  const found = paymentId ? await findPayment(paymentId) : undefined;
  if (!found || found.payment.idempotencyKey !== body.idempotencyKey) throw unknownKey();
  const outcome = outcomeOf(body);
  if (!outcome)
    throw new DomainError('INVALID_INPUT', '国库回调内容无效', { reason: 'bad_answer' });
  const result = await applyTreasuryAnswer(found.payment.id, outcome, { now: at });
  const after = await findPayment(found.payment.id);
  return {
    idempotencyKey: body.idempotencyKey,
    paymentId: found.payment.id,
    result,
    status: after?.payment.status,
  };
}
