/**
 * Shapes shared by every lifecycle: the result of a transition (STYLE §5,
 * after xstate's `transition()` that returns the next snapshot and the actions
 * without running them) and the exhaustiveness helper.
 */
import type { Actor, ApplicantActor, SystemActor } from '../actor';
import { compareInstants, type Instant } from '../calendar';
import { DomainError, forbidden, invalidInput } from '../errors';
import type { ObjectionId, SubjectId, UserId } from '../ids';

export type Transition<A, E> = { readonly next: A; readonly events: readonly E[] };

/** Fields every audit event carries; `version` is the aggregate version the event produced. */
export type EventBase = { readonly by: Actor; readonly at: Instant; readonly version: number };

/** Status-changing events also carry the edge taken, so the audit trail can be replayed against the table. */
export type StatusChange<S extends string> = { readonly from: S | null; readonly to: S };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

/** True when `from → to` is an edge of the lifecycle's transition table. */
export function isAllowedEdge<S extends string>(
  table: Readonly<Record<S, readonly S[]>>,
  from: S,
  to: S,
): boolean {
  return table[from].includes(to);
}

/** Terminal states are the ones with no outgoing edge. */
export function terminalStatuses<S extends string>(table: Readonly<Record<S, readonly S[]>>): S[] {
  return (Object.keys(table) as S[]).filter((s) => table[s].length === 0);
}

/** A reason, note or objection text: required, trimmed, bounded (it is shown to people and stored in events). */
export function requireText(text: string | undefined, what: string, max = 500): string {
  const t = (text ?? '').trim();
  if (t.length === 0) throw new DomainError('INVALID_INPUT', `${what}不能为空`, { field: what });
  if (t.length > max)
    throw new DomainError('INVALID_INPUT', `${what}不能超过${max}字`, { field: what });
  return t;
}

/**
 * 公示 objection (DESIGN §2: anyone may object while an award is announced). Stored as an
 * item of its own, never inside the aggregate (an aggregate only counts them, see
 * ObjectionCounters), so no number of objections can grow the application or grant item.
 */
export type Objection = {
  readonly id: ObjectionId;
  /** The application or grant objected to. */
  readonly aggregateId: string;
  /** The signed-in objector, or a member of the public known by a keyed hash of their phone. */
  readonly raisedBy: UserId | PublicObjectorRef;
  /** Raised from the public 公示 page (no login); absent for a signed-in objector. */
  readonly channel?: 'public';
  /** A public objector's phone, masked (138****5678): what staff see of the contact. */
  readonly contactMasked?: string;
  /** The objector's subject (absent on objections stored before they were items). */
  readonly objectorSubjectId?: SubjectId;
  readonly text: string;
  readonly raisedAt: Instant;
  readonly resolution?: {
    readonly upheld: boolean;
    readonly note: string;
    readonly by: UserId;
    readonly at: Instant;
  };
};

/** What an aggregate keeps of its objections: how many were raised and how many wait for a ruling. */
export type ObjectionCounters = {
  readonly objectionsRaised: number;
  readonly objectionsOpen: number;
};
export const NO_OBJECTIONS: ObjectionCounters = { objectionsRaised: 0, objectionsOpen: 0 };

/** Each objector may raise at most this many objections against one application or grant. */
export const MAX_OBJECTIONS_PER_OBJECTOR = 3;
export const MAX_OBJECTION_TEXT = 500;

export const objectionLimitReached = () =>
  new DomainError('WRONG_STATE', `同一事项每人最多可提出${MAX_OBJECTIONS_PER_OBJECTOR}次异议`, {
    reason: 'OBJECTION_LIMIT',
    max: MAX_OBJECTIONS_PER_OBJECTOR,
  });

/**
 * A member of the public objecting from the 公示 page (issue 14), with no account: known by a
 * keyed hash of their phone (the per-objector limit counts by it) and the masked phone.
 */
export type PublicObjectorRef = `phone:${string}`;
export type PublicObjector = { readonly ref: PublicObjectorRef; readonly phoneMasked: string };

/**
 * Who records a public objection in the audit trail: the platform, on the objector's behalf
 * (they have no account); the objection itself carries the masked contact.
 */
export const PUBLIC_OBJECTION_CHANNEL: SystemActor = { kind: 'system', job: 'public-objection' };

export type NewObjection = {
  readonly objectionId: ObjectionId;
  readonly text: string;
  /** How many objections this objector has already raised against the aggregate. */
  readonly priorByObjector: number;
};

/**
 * A new objection and the counters after it. The limit is checked here on the count read
 * before; the repository enforces it again atomically (a per-objector counter written with
 * the objection under `count < max`), so concurrent objections cannot pass it.
 */
export function newObjection(
  aggregateId: string,
  counters: ObjectionCounters,
  cmd: NewObjection,
  by: ApplicantActor,
  now: Instant,
): { objection: Objection; counters: ObjectionCounters } {
  if (cmd.priorByObjector >= MAX_OBJECTIONS_PER_OBJECTOR) throw objectionLimitReached();
  const objection: Objection = {
    id: cmd.objectionId,
    aggregateId,
    raisedBy: by.userId,
    objectorSubjectId: by.subjectId,
    text: requireText(cmd.text, '异议内容', MAX_OBJECTION_TEXT),
    raisedAt: now,
  };
  return {
    objection,
    counters: {
      objectionsRaised: counters.objectionsRaised + 1,
      objectionsOpen: counters.objectionsOpen + 1,
    },
  };
}

/** A public objection and the counters after it: the same limit and text rules as a signed-in one. */
export function newPublicObjection(
  aggregateId: string,
  counters: ObjectionCounters,
  cmd: NewObjection,
  by: PublicObjector,
  now: Instant,
): { objection: Objection; counters: ObjectionCounters } {
  if (cmd.priorByObjector >= MAX_OBJECTIONS_PER_OBJECTOR) throw objectionLimitReached();
  const objection: Objection = {
    id: cmd.objectionId,
    aggregateId,
    raisedBy: by.ref,
    channel: 'public',
    contactMasked: by.phoneMasked,
    text: requireText(cmd.text, '异议内容', MAX_OBJECTION_TEXT),
    raisedAt: now,
  };
  return {
    objection,
    counters: {
      objectionsRaised: counters.objectionsRaised + 1,
      objectionsOpen: counters.objectionsOpen + 1,
    },
  };
}

export type ObjectionRuling = {
  readonly objectionId: ObjectionId;
  readonly upheld: boolean;
  readonly note: string;
};

/**
 * Rules on one open objection of this aggregate (applications and grants alike; undefined
 * when there is no such objection): the ruled objection, the counters after it and the ruling's note. Four eyes: the objector never
 * rules on their own objection.
 */
export function ruleOnObjection(
  aggregateId: string,
  counters: ObjectionCounters,
  objection: Objection | undefined,
  cmd: ObjectionRuling,
  by: UserId,
  now: Instant,
): { objection: Objection; counters: ObjectionCounters; note: string } {
  if (
    objection === undefined ||
    objection.id !== cmd.objectionId ||
    objection.aggregateId !== aggregateId ||
    objection.resolution !== undefined
  ) {
    throw invalidInput('没有待处理的该异议', { objectionId: cmd.objectionId });
  }
  if (objection.raisedBy === by) throw forbidden('不能处理本人提出的异议', { reason: 'FOUR_EYES' });
  const note = requireText(cmd.note, '异议处理意见');
  const resolution = { upheld: cmd.upheld, note, by, at: now };
  return {
    objection: { ...objection, resolution },
    counters: { ...counters, objectionsOpen: Math.max(0, counters.objectionsOpen - 1) },
    note,
  };
}

/** 公示 may close only once its period is over and every objection has been ruled on. */
export function requirePublicityOver(
  endsAt: Instant | undefined,
  counters: ObjectionCounters,
  now: Instant,
): void {
  if (endsAt !== undefined && compareInstants(now, endsAt) < 0)
    throw new DomainError('WRONG_STATE', '公示期未满', { reason: 'PUBLICITY_NOT_OVER', endsAt });
  if (counters.objectionsOpen > 0) {
    throw new DomainError('WRONG_STATE', '公示期内有未处理的异议', {
      reason: 'OBJECTION_OPEN',
      open: counters.objectionsOpen,
    });
  }
}

/** What the hourly 公示 close makes of a refusal (functions/services/close-publicity.ts). */
export type PublicityCloseRefusal = 'budget_exhausted' | 'objection_open' | 'not_due';

/**
 * A refusal of closing 公示, told apart by its code and `details.reason` (never its text):
 * the budget cannot cover it (tried again next hour, or after a 追加预算), an objection is
 * still open, or it is not due (period not over, moved on meanwhile). Undefined for anything
 * else: an error to log.
 */
export function publicityCloseRefusal(e: unknown): PublicityCloseRefusal | undefined {
  if (!(e instanceof DomainError)) return undefined;
  if (e.code === 'BUDGET_EXHAUSTED') return 'budget_exhausted';
  if (e.code !== 'WRONG_STATE') return undefined;
  const reason = (e.details as { reason?: unknown } | undefined)?.reason;
  return reason === 'OBJECTION_OPEN' ? 'objection_open' : 'not_due';
}

/**
 * Idempotency key of a payment (DESIGN §5: "item id + attempt family"): the
 * treasury adapter sends it with the order, so a re-run of the disburse job
 * for the same attempt is answered with the first result, never paid twice.
 */
export function paymentIdempotencyKey(itemId: string, attempt: number): string {
  if (!Number.isSafeInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be ≥ 1: ${attempt}`);
  return `${itemId}:${attempt}`;
}
