/** Payments as people see them (GET /v1/payments): applicants their own, admins all. Accounts masked. */
import type { Actor } from '../../shared/actor';
import { catalogueIdOf } from '../../shared/auto-grant';
import { forbidden } from '../../shared/errors';
import { maskBankAccount } from '../../shared/mask';
import { PAYMENT_STATUS_LABELS, type Payment } from '../../shared/payment';
import type { PolicyCatalogue } from '../../shared/policies';
import { policyCatalogue } from './catalogue';
import type { PaymentPage, PaymentsQuery, PaymentView } from '../../shared/schemas/payment';
import { listPayments, listPaymentsBySubject } from '../repositories/payments';

export function toPaymentView(catalogue: PolicyCatalogue, p: Payment): PaymentView {
  const catalogueId = catalogueIdOf(p.policyId);
  return {
    id: p.id,
    itemId: p.itemId,
    itemKind: p.itemKind,
    attempt: p.attempt,
    policyId: catalogueId,
    policyTitle: catalogue.find(catalogueId)?.title ?? catalogueId,
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
  const catalogue = await policyCatalogue();
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
    .map((p) => toPaymentView(catalogue, p));
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
