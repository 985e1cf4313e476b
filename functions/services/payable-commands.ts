/**
 * Commands on a payable item outside the schedule (issue #10): the operator's hold, release, cancel and account correction
 * — each a pure step of the payable sub-lifecycle (shared/lifecycle/payable.ts) through the
 * item's adapter, saved with its audit event (which carries the reason) in one transaction.
 *
 * A cancel releases the budget reservation (ledger.release) in the same transaction; the
 * entitlement claim is released there too, by saveApplication / saveGrant, which add the
 * release to every save that ends an item without paying (repositories/claims.ts).
 */
import type { Actor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import type { Payee } from '../../shared/lifecycle/payable';
import { maskBankAccount } from '../../shared/mask';
import {
  payableStatusLabel,
  type PayableCommandView,
  type PayableItemPage,
  type PayableItemView,
  type PayablesQuery,
} from '../../shared/schemas/payable';
import { catalogueIdOf } from '../../shared/auto-grant';
import type { PolicyId } from '../../shared/ids';
import { listApplicationsByStatus } from '../repositories/applications';
import { listGrantsByStatus } from '../repositories/grants';
import { listInterestByStatus } from '../repositories/loans';
import type { PayableKind } from '../../shared/payment';
import { release as releaseBudget } from '../repositories/ledger';
import { ADAPTERS, type PayableCommand, type WithItems } from './payables';
import { withRetry } from './retry';
import { getSubject } from '../repositories/subjects';
import { validatePayee } from '../../shared/payee';

export type OperatorCommand =
  | { kind: 'hold'; reason: string }
  | { kind: 'release'; reason: string }
  | { kind: 'cancel'; reason: string }
  | { kind: 'correct'; payee: Payee; reason: string };

/** Budget is reserved from `payable` on and until paid or cancelled: a cancel gives it back. */
const RESERVED = ['payable', 'awaiting_account', 'payment_failed', 'returned', 'on_hold'];

/** Runs an operator command on any payable item (admin only; the lifecycle checks role, state and reason). */
export async function operatePayable(
  kind: PayableKind,
  id: string,
  cmd: OperatorCommand,
  actor: Actor,
  at: Date,
): Promise<PayableCommandView> {
  const now = instantOf(at);
  const adapter = ADAPTERS[kind];
  return withRetry(async () => {
    const v = await adapter.load(id);
    if (!v) throw notFound('拨付事项');
    const withItems: WithItems =
      cmd.kind === 'cancel' &&
      v.part !== undefined &&
      RESERVED.includes(v.part.status) &&
      v.amountFen > 0
        ? [releaseBudget(v.policyId, v.fiscalYear, v.amountFen)]
        : [];
    // An operator's correction obeys the same rule as the applicant's: the registered name, a valid card.
    const run: PayableCommand =
      cmd.kind === 'correct'
        ? { ...cmd, payee: validatePayee(cmd.payee, await getSubject(v.subjectId)) }
        : cmd;
    const next = await adapter.run(v, run, actor, now, withItems);
    const payee = run.kind === 'correct' ? run.payee : v.payee;
    return {
      kind,
      id,
      status: next.status,
      statusLabel: payableStatusLabel(next.status),
      version: next.version,
      ...(payee ? { accountMasked: maskBankAccount(payee.accountNumber) } : {}),
    };
  });
}

type Listed = {
  id: string;
  policyId: PolicyId;
  amountFen: number;
  status: string;
  paymentAttempt: number;
  holdReason?: string;
  paymentFailure?: string;
  payee?: Payee;
};

function itemView(kind: PayableKind, x: Listed): PayableItemView {
  return {
    kind,
    id: x.id,
    policyId: catalogueIdOf(x.policyId),
    amountFen: x.amountFen,
    status: x.status,
    statusLabel: payableStatusLabel(x.status),
    attempts: x.paymentAttempt,
    ...(x.holdReason ? { holdReason: x.holdReason } : {}),
    ...(x.paymentFailure ? { paymentFailure: x.paymentFailure } : {}),
    ...(x.payee ? { accountMasked: maskBankAccount(x.payee.accountNumber) } : {}),
  };
}

/**
 * GET /v1/admin/payables: items of one kind in one status, oldest first — what is parked
 * for an account, on hold, due or failed. Accounts masked; an application's account on
 * file is not looked up here (the item's own account, if any, is shown).
 */
export async function listPayables(q: PayablesQuery): Promise<PayableItemPage> {
  const page = (items: Listed[], nextCursor?: string): PayableItemPage => ({
    items: items.map((x) => itemView(q.kind, x)),
    ...(nextCursor ? { nextCursor } : {}),
  });
  switch (q.kind) {
    case 'application': {
      if (q.status === 'returned') return { items: [] }; // an application's 退票 settles as payment_failed
      const p = await listApplicationsByStatus(q.status, undefined, q.cursor, q.limit ?? 20);
      return page(
        p.items.map((a) => ({ ...a, amountFen: a.approvedFen ?? 0 })),
        p.nextCursor,
      );
    }
    case 'grant': {
      const p = await listGrantsByStatus(q.status, undefined, q.cursor, q.limit ?? 20);
      return page(
        p.items.map((r) => r.grant),
        p.nextCursor,
      );
    }
    case 'loan_interest': {
      const p = await listInterestByStatus(q.status, '9999', q.cursor, q.limit ?? 20);
      return page(p.items, p.nextCursor);
    }
  }
}
