/**
 * 追回 (recovery) of money paid wrongly (issue #10): an objection upheld after payment, an
 * audit finding. An admin or an auditor (审计) opens it on a paid item with a reason and an
 * amount no larger than what was paid; it ends either recovered (the money returns to the policy's budget
 * line: the repository moves the ledger's paid → remaining in the same transaction) or
 * written off (核销), with a reason.
 *
 *   open → recovered | written_off
 *
 * Who: opening is an admin's or an auditor's (the auditor is who finds the wrong payment);
 * closing it, recovered or written off, is an admin's only — a second person from the auditor
 * who opened it, so no auditor both finds a payment wrong and declares the matter settled.
 *
 * One recovery per paid item: its id is derived from the item (`recoveryIdFor`), and it is
 * created with attribute_not_exists, so a second opening collides instead of recovering twice.
 */
import type { Actor } from '../actor';
import { actorRef } from '../actor';
import type { Instant } from '../calendar';
import { DomainError, invalidInput, wrongState } from '../errors';
import type { PolicyId, SubjectId } from '../ids';
import { fen, type Fen } from '../money';
import type { PayableKind } from '../payment';
import { requireText, type EventBase, type StatusChange, type Transition } from './common';
import { requireAdmin, requireAdminOrAuditor } from './guards';

import {
  RECOVERY_STATUS_LABELS,
  RECOVERY_STATUSES,
  type RecoveryStatus,
} from '../vocabulary/status';

// the statuses and their labels are one vocabulary (shared/vocabulary/status.ts)
export { RECOVERY_STATUSES, RECOVERY_STATUS_LABELS, type RecoveryStatus };

export const RECOVERY_TRANSITIONS: Readonly<Record<RecoveryStatus, readonly RecoveryStatus[]>> = {
  open: ['recovered', 'written_off'],
  recovered: [],
  written_off: [],
};

export type RecoveryId = `rcv_${string}`;

/** The one recovery a paid item can have. */
export function recoveryIdFor(kind: PayableKind, itemId: string): RecoveryId {
  return `rcv_${kind}~${itemId.replace(/[^0-9A-Za-z_.-]/g, '.')}`;
}

export type Recovery = {
  readonly id: RecoveryId;
  readonly itemKind: PayableKind;
  readonly itemId: string;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  /** what the item was paid */
  readonly paidFen: Fen;
  /** what is to be recovered (≤ paidFen) */
  readonly amountFen: Fen;
  readonly reason: string;
  readonly status: RecoveryStatus;
  readonly version: number;
  readonly openedAt: Instant;
  readonly closedAt?: Instant;
  readonly closeNote?: string;
};

type Base = EventBase & { readonly recoveryId: RecoveryId };
type Change = Base & StatusChange<RecoveryStatus>;
export type RecoveryEvent =
  | (Change & {
      readonly type: 'RecoveryOpened';
      readonly itemKind: PayableKind;
      readonly itemId: string;
      readonly amountFen: Fen;
      readonly reason: string;
    })
  | (Change & {
      readonly type: 'RecoveryRecovered';
      readonly amountFen: Fen;
      readonly note: string;
    })
  | (Change & {
      readonly type: 'RecoveryWrittenOff';
      readonly amountFen: Fen;
      readonly reason: string;
    });

type T = Transition<Recovery, RecoveryEvent>;

export type OpenRecoveryInput = {
  readonly itemKind: PayableKind;
  readonly itemId: string;
  /** the item's status: only a paid item can be recovered */
  readonly itemStatus: string;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly paidFen: Fen;
  readonly amountFen: Fen;
  readonly reason: string;
};

export function openRecovery(input: OpenRecoveryInput, by: Actor, now: Instant): T {
  requireAdminOrAuditor(by);
  if (input.itemStatus !== 'paid') throw wrongState(input.itemStatus, '追回');
  const amountFen = fen(input.amountFen);
  if (amountFen <= 0) throw invalidInput('追回金额必须大于零', { field: 'amountFen' });
  if (amountFen > input.paidFen) {
    throw new DomainError('INVALID_INPUT', '追回金额不能超过已拨付金额', {
      field: 'amountFen',
      reason: 'OVER_PAID',
      paidFen: input.paidFen,
    });
  }
  const reason = requireText(input.reason, '追回原因');
  const id = recoveryIdFor(input.itemKind, input.itemId);
  const next: Recovery = {
    id,
    itemKind: input.itemKind,
    itemId: input.itemId,
    policyId: input.policyId,
    subjectId: input.subjectId,
    paidFen: input.paidFen,
    amountFen,
    reason,
    status: 'open',
    version: 1,
    openedAt: now,
  };
  return {
    next,
    events: [
      {
        type: 'RecoveryOpened',
        from: null,
        to: 'open',
        itemKind: input.itemKind,
        itemId: input.itemId,
        amountFen,
        reason,
        recoveryId: id,
        by: actorRef(by),
        at: now,
        version: 1,
      },
    ],
  };
}

/** The money came back: open → recovered; the repository returns it to the budget line. */
export function recordRecovered(
  r: Recovery,
  cmd: { readonly note: string },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'open') throw wrongState(RECOVERY_STATUS_LABELS[r.status], '登记追回');
  const note = requireText(cmd.note, '追回说明');
  const next: Recovery = {
    ...r,
    status: 'recovered',
    closedAt: now,
    closeNote: note,
    version: r.version + 1,
  };
  return {
    next,
    events: [
      {
        type: 'RecoveryRecovered',
        from: 'open',
        to: 'recovered',
        amountFen: r.amountFen,
        note,
        recoveryId: r.id,
        by: actorRef(by),
        at: now,
        version: next.version,
      },
    ],
  };
}

/** It cannot be recovered (核销): open → written_off, with a reason; the budget line is unchanged. */
export function writeOff(
  r: Recovery,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'open') throw wrongState(RECOVERY_STATUS_LABELS[r.status], '核销');
  const reason = requireText(cmd.reason, '核销原因');
  const next: Recovery = {
    ...r,
    status: 'written_off',
    closedAt: now,
    closeNote: reason,
    version: r.version + 1,
  };
  return {
    next,
    events: [
      {
        type: 'RecoveryWrittenOff',
        from: 'open',
        to: 'written_off',
        amountFen: r.amountFen,
        reason,
        recoveryId: r.id,
        by: actorRef(by),
        at: now,
        version: next.version,
      },
    ],
  };
}
