/**
 * Four eyes on a dated parameter (issue #11): a new value for a parameter that exists — the
 * ¥1,000 → ¥1,500 from 2027-01-01 that every published policy reading it will pay — is
 * proposed by one admin and takes effect only when another admin approves it.
 *
 *   (none) ──propose (admin)──→ proposed ──approve (another admin: four eyes)──→ in `values`
 *                                   └──────reject (any admin, reason)──────────→ dropped
 *
 * - The proposal waits on the parameter record (`proposals`), at most one per date; nothing a
 *   rule reads changes until approval (`values` alone are read).
 * - Past days stay closed: a value takes effect today at the earliest, at proposal and again at
 *   approval (a proposal left until its date has passed must be proposed again).
 * - Every step is an event on the parameter's stream with who and when (the audit trail):
 *   ParameterValueProposed, ParameterValueSet (with `proposedBy`), ParameterValueRejected.
 * - A new parameter is still created at once (setParameterValue): no published version reads it
 *   yet, and the version that will is itself published by a second admin.
 * Pure: the service loads the parameter, calls one function, saves.
 */
import { actorRef, type Actor } from '../actor';
import type { Instant } from '../calendar';
import { DomainError, forbidden, invalidInput } from '../errors';
import { withValueFrom } from '../policies/parameters';
import { requireText, type Transition } from './common';
import { requireAdmin } from './guards';
import type { ParameterEvent, ParameterProposal, ParameterRecord } from './policy-version';

function requireNotPast(from: string, today: string): void {
  if (from < today)
    throw invalidInput(`参数取值只能从今天（${today}）或以后生效`, {
      reason: 'RETROACTIVE',
      path: ['from'],
    });
}

function pendingOn(p: ParameterRecord, from: string): ParameterProposal {
  const found = (p.proposals ?? []).find((x) => x.from === from);
  if (!found)
    throw new DomainError('WRONG_STATE', `参数「${p.label}」没有自 ${from} 起待审批的取值`, {
      reason: 'NO_PROPOSAL',
    });
  return found;
}

const without = (p: ParameterRecord, from: string) =>
  (p.proposals ?? []).filter((x) => x.from !== from);

/** A new value for an existing parameter, from a date on: waits for another admin's approval. */
export function proposeParameterValue(
  current: ParameterRecord,
  cmd: { readonly from: string; readonly value: number; readonly note?: string },
  today: string,
  by: Actor,
  now: Instant,
): Transition<ParameterRecord, ParameterEvent> {
  requireAdmin(by);
  requireNotPast(cmd.from, today);
  if ((current.proposals ?? []).some((x) => x.from === cmd.from))
    throw new DomainError(
      'WRONG_STATE',
      `参数「${current.label}」自 ${cmd.from} 起的取值已在等待审批，请先批准或驳回`,
      {
        reason: 'PROPOSAL_PENDING',
      },
    );
  const version = current.version + 1;
  const proposal: ParameterProposal = {
    from: cmd.from,
    value: cmd.value,
    ...(cmd.note === undefined ? {} : { note: cmd.note }),
    proposedBy: by.userId,
    proposedAt: now,
  };
  return {
    next: {
      ...current,
      proposals: [...(current.proposals ?? []), proposal].sort((a, b) =>
        a.from < b.from ? -1 : a.from > b.from ? 1 : 0,
      ),
      version,
    },
    events: [
      {
        type: 'ParameterValueProposed',
        name: current.name,
        from: cmd.from,
        value: cmd.value,
        ...(cmd.note === undefined ? {} : { note: cmd.note }),
        by: actorRef(by),
        at: now,
        version,
      },
    ],
  };
}

/** Another admin approves: the value holds from its date on. The proposer cannot approve (FOUR_EYES). */
export function approveParameterValue(
  current: ParameterRecord,
  from: string,
  today: string,
  by: Actor,
  now: Instant,
): Transition<ParameterRecord, ParameterEvent> {
  requireAdmin(by);
  const p = pendingOn(current, from);
  if (p.proposedBy === by.userId)
    throw forbidden('提出参数变更的人员不能批准该变更，须由另一名管理员批准', {
      reason: 'FOUR_EYES',
    });
  if (from < today)
    throw invalidInput(`该取值的生效日期（${from}）已过，不能再批准；请重新提出`, {
      reason: 'RETROACTIVE',
      path: ['from'],
    });
  const previous = current.values.find((v) => v.from === from)?.value;
  const merged = withValueFrom(current, from, p.value);
  const version = current.version + 1;
  return {
    next: {
      ...current,
      values: merged.values,
      ...(p.note === undefined ? {} : { note: p.note }),
      proposals: without(current, from),
      updatedAt: now,
      updatedBy: by.userId,
      version,
    },
    events: [
      {
        type: 'ParameterValueSet',
        name: current.name,
        from,
        value: p.value,
        ...(previous === undefined ? {} : { previous }),
        proposedBy: { kind: 'admin', userId: p.proposedBy },
        by: actorRef(by),
        at: now,
        version,
      },
    ],
  };
}

/** Any admin rejects a proposal, with the reason; nothing takes effect. */
export function rejectParameterValue(
  current: ParameterRecord,
  from: string,
  reason: string | undefined,
  by: Actor,
  now: Instant,
): Transition<ParameterRecord, ParameterEvent> {
  requireAdmin(by);
  const p = pendingOn(current, from);
  const why = requireText(reason, '驳回原因', 200);
  const version = current.version + 1;
  return {
    next: { ...current, proposals: without(current, from), version },
    events: [
      {
        type: 'ParameterValueRejected',
        name: current.name,
        from,
        value: p.value,
        proposedBy: { kind: 'admin', userId: p.proposedBy },
        reason: why,
        by: actorRef(by),
        at: now,
        version,
      },
    ],
  };
}
