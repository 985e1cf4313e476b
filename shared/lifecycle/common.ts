/**
 * Shapes shared by every lifecycle: the result of a transition (STYLE §5,
 * after xstate's `transition()` that returns the next snapshot and the actions
 * without running them) and the exhaustiveness helper.
 */
import type { Actor } from '../actor';
import { compareInstants, type Instant } from '../calendar';
import { DomainError, invalidInput } from '../errors';
import type { ObjectionId, UserId } from '../ids';

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
  if (t.length > max) throw new DomainError('INVALID_INPUT', `${what}不能超过${max}字`, { field: what });
  return t;
}

/** 公示 objection (DESIGN §2: anyone may object while an award is announced). */
export type Objection = {
  readonly id: ObjectionId;
  readonly raisedBy: UserId;
  readonly text: string;
  readonly raisedAt: Instant;
  readonly resolution?: { readonly upheld: boolean; readonly note: string; readonly by: UserId; readonly at: Instant };
};

export const hasOpenObjection = (objections: readonly Objection[]): boolean =>
  objections.some((o) => o.resolution === undefined);

export type ObjectionRuling = { readonly objectionId: ObjectionId; readonly upheld: boolean; readonly note: string };

/** Rules on one open objection (applications and grants alike): the updated list and the ruling's note. */
export function ruleOnObjection(
  objections: readonly Objection[],
  cmd: ObjectionRuling,
  by: UserId,
  now: Instant,
): { objections: Objection[]; note: string } {
  const target = objections.find((o) => o.id === cmd.objectionId);
  if (target === undefined || target.resolution !== undefined) throw invalidInput('没有待处理的该异议', { objectionId: cmd.objectionId });
  const note = requireText(cmd.note, '异议处理意见');
  const resolution = { upheld: cmd.upheld, note, by, at: now };
  return { objections: objections.map((o) => (o.id === cmd.objectionId ? { ...o, resolution } : o)), note };
}

/** 公示 may close only once its period is over and every objection has been ruled on. */
export function requirePublicityOver(endsAt: Instant | undefined, objections: readonly Objection[], now: Instant): void {
  if (endsAt !== undefined && compareInstants(now, endsAt) < 0) throw new DomainError('WRONG_STATE', '公示期未满', { endsAt });
  if (hasOpenObjection(objections)) throw new DomainError('WRONG_STATE', '公示期内有未处理的异议');
}

/**
 * Idempotency key of a payment (DESIGN §5: "item id + attempt family"): the
 * treasury adapter sends it with the order, so a re-run of the disburse job
 * for the same attempt is answered with the first result, never paid twice.
 */
export function paymentIdempotencyKey(itemId: string, attempt: number): string {
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be ≥ 1: ${attempt}`);
  return `${itemId}:${attempt}`;
}
