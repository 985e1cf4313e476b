/** Payments as people see them (GET /v1/payments): applicants their own, admins all. Accounts masked. */
import type { Actor } from '../../shared/actor';
import { catalogueIdOf } from '../../shared/auto-grant';
import { forbidden } from '../../shared/errors';
import { maskBankAccount } from '../../shared/mask';
import { PAYMENT_STATUS_LABELS, type Payment } from '../../shared/payment';
import { findPolicy } from '../../shared/policies';
import type { PaymentPage, PaymentsQuery, PaymentView } from '../../shared/schemas/payment';
import { listPayments, listPaymentsBySubject } from '../repositories/payments';

export function toPaymentView(p: Payment): PaymentView {
  const catalogueId = catalogueIdOf(p.policyId);
  return {
    id: p.id,
    itemId: p.itemId,
    itemKind: p.itemKind,
    attempt: p.attempt,
    policyId: catalogueId,
    policyTitle: findPolicy(catalogueId)?.title ?? catalogueId,
    amountFen: p.amountFen,
    status: p.status,
    statusLabel: PAYMENT_STATUS_LABELS[p.status],
    accountMasked: maskBankAccount(p.payee.accountNumber),
    createdAt: p.createdAt,
    settledAt: p.settledAt,
    reason: p.reason,
  };
}

export async function listPaymentsFor(actor: Actor, q: PaymentsQuery): Promise<PaymentPage> {
  const page =
    actor.kind === 'applicant'
      ? await listPaymentsBySubject(actor.subjectId, q.cursor, q.limit)
      : actor.kind === 'admin'
        ? await listPayments({ status: q.status, cursor: q.cursor, limit: q.limit })
        : (() => {
            throw forbidden('当前身份无权查看拨付记录');
          })();
  const items = page.items
    .filter((p) => q.status === undefined || p.status === q.status)
    .map(toPaymentView);
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
