/**
 * 追回 (recovery) of a paid item (issue #10): opened by an operator with a reason and an
 * amount ≤ what was paid; recorded as recovered (the money returns to the policy's budget
 * line: ledger paid → remaining, in the same transaction) or written off (核销).
 */
import type { Actor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import { fen } from '../../shared/money';
import type { PayableKind } from '../../shared/payment';
import {
  openRecovery as open,
  recordRecovered,
  RECOVERY_STATUS_LABELS,
  writeOff,
  type Recovery,
  type RecoveryId,
} from '../../shared/lifecycle/recovery';
import type { PolicyId } from '../../shared/ids';
import type { RecoveryView } from '../../shared/schemas/payable';
import type { RecoveryPage } from '../../shared/schemas/recovery-list';
import { refund } from '../repositories/ledger';
import { getRecovery, listRecoveriesOfPolicy, saveRecovery } from '../repositories/recoveries';
import { ADAPTERS } from './payables';
import { withRetry } from './retry';

export function toRecoveryView(r: Recovery): RecoveryView {
  return {
    id: r.id,
    itemKind: r.itemKind,
    itemId: r.itemId,
    status: r.status,
    statusLabel: RECOVERY_STATUS_LABELS[r.status],
    paidFen: r.paidFen,
    amountFen: r.amountFen,
    reason: r.reason,
    openedAt: r.openedAt,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
    ...(r.closeNote ? { closeNote: r.closeNote } : {}),
  };
}

/** Opens the recovery of a paid item; a second one for the same item is a DUPLICATE (409). */
export async function openRecovery(
  kind: PayableKind,
  itemId: string,
  cmd: { amountFen: number; reason: string },
  actor: Actor,
  at: Date,
): Promise<RecoveryView> {
  const now = instantOf(at);
  const v = await ADAPTERS[kind].load(itemId);
  if (!v) throw notFound('拨付事项');
  const t = open(
    {
      itemKind: kind,
      itemId,
      itemStatus: v.status,
      policyId: v.policyId,
      subjectId: v.subjectId,
      paidFen: v.amountFen,
      amountFen: fen(cmd.amountFen),
      reason: cmd.reason,
    },
    actor,
    now,
  );
  await saveRecovery(t.next, t.events, 'new');
  return toRecoveryView(t.next);
}

/** The money came back: recovered, and returned to the budget line in the same transaction. */
export async function recordRecovery(
  id: RecoveryId,
  cmd: { note: string },
  actor: Actor,
  at: Date,
): Promise<RecoveryView> {
  const now = instantOf(at);
  return withRetry(async () => {
    const r = await getRecovery(id);
    const t = recordRecovered(r, cmd, actor, now);
    // back to the line the item was paid from (its fiscal year, shared/budget.ts)
    const item = await ADAPTERS[r.itemKind].load(r.itemId);
    if (!item) throw notFound('拨付事项');
    await saveRecovery(t.next, t.events, r.version, [
      refund(r.policyId, item.fiscalYear, r.amountFen),
    ]);
    return toRecoveryView(t.next);
  });
}

/** It cannot be recovered: written off (核销), with a reason. */
export async function writeOffRecovery(
  id: RecoveryId,
  cmd: { reason: string },
  actor: Actor,
  at: Date,
): Promise<RecoveryView> {
  const now = instantOf(at);
  return withRetry(async () => {
    const r = await getRecovery(id);
    const t = writeOff(r, cmd, actor, now);
    await saveRecovery(t.next, t.events, r.version);
    return toRecoveryView(t.next);
  });
}

/** The recoveries of one policy in one status (追回中 / 已追回 / 已核销), a page at a time. */
export async function listRecoveries(q: {
  policyId: string;
  status: Recovery['status'];
  cursor?: string;
  limit?: number;
}): Promise<RecoveryPage> {
  const page = await listRecoveriesOfPolicy(
    q.policyId as PolicyId,
    q.status,
    q.cursor,
    q.limit ?? 20,
  );
  return {
    items: page.items.map(toRecoveryView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
