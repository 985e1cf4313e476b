/**
 * Application (依申请) lifecycle, DESIGN §4:
 *
 *   draft → submitted ─┬→ pending_supplement (容缺; deadline) → submitted
 *                      ├→ review_l1 → review_l2 (if 2 levels) → approved
 *                      ├→ returned (退回补正) → submitted
 *                      ├→ rejected  (terminal, reason required)
 *                      └→ withdrawn (terminal, by applicant before decision)
 *   approved → publicity (公示 N days; objections) → payable → paying → paid
 *   and from `payable` on, the payable sub-lifecycle (./payable.ts): payment_failed → paying
 *   (retry), awaiting_account (no receiving account), on_hold, cancelled
 *
 * Choices the diagram leaves open, fixed here:
 * - The review branches (returned, rejected, withdrawn) leave from every
 *   pre-decision state, not only `submitted`.
 * - A 容缺 deadline that passes ends the application as `rejected` with a
 *   system reason (event SupplementLapsed) — no extra terminal status, so the
 *   status set stays exactly DESIGN's.
 * - An objection upheld during 公示 also ends it as `rejected`.
 * - `approved` moves on to `publicity` in the same transition as the final
 *   approval; 公示 and 容缺 periods are natural days (a working-day deadline
 *   would fail in December while next year's calendar is unpublished).
 * - The budget is reserved by the repository in the same conditional
 *   transaction that saves `publicity → payable` (DESIGN §5), not here.
 * - The payment part is the shared payable sub-lifecycle. The application has no 退票
 *   state of its own (`returned` is 退回补正 here): a 退票 settles as payment_failed with
 *   the reason prefixed 退票, and is retried (补发) like any failure.
 *
 * Every function is pure: `(application, command, actor, now) → { next, events }`.
 */
import type { Actor, DepartmentCode, ReviewerActor, ReviewLevel } from '../actor';
import type { FrozenFacts } from '../facts/frozen';
import { actorRef } from '../actor';
import { addNaturalDaysAt, compareInstants, type Instant } from '../calendar';
import { entitlementOf } from '../entitlement';
import { DomainError, forbidden, invalidInput, wrongState } from '../errors';
import type { ApplicationId, ObjectionId, PaymentId, PolicyId, SubjectId, UserId } from '../ids';
import { fen, formatFen, minFen, type Fen } from '../money';
import {
  maskPayee,
  resolvePayee,
  type AccountChoice,
  type AccountSource,
  type PayeeSubject,
} from '../payee';
import {
  assertNever,
  newObjection,
  newPublicObjection,
  PUBLIC_OBJECTION_CHANNEL,
  type PublicObjector,
  NO_OBJECTIONS,
  requirePublicityOver,
  requireText,
  ruleOnObjection,
  type EventBase,
  type NewObjection,
  type ObjectionCounters,
  type ObjectionRuling,
  type Objection,
  type StatusChange,
  type Transition,
} from './common';
import { requireApplicant, requireOwner, requireReviewer, requireSystem } from './guards';
import * as payable from './payable';
import type { PayableEventBody, PayablePart, PayableStatus, PayableStep, Payee } from './payable';

import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from '../vocabulary/status';

// the statuses and their labels are one vocabulary (shared/vocabulary/status.ts)
export { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationStatus };

/** The only edges any transition may take; tests replay every event against it. */
export const APPLICATION_TRANSITIONS: Readonly<
  Record<ApplicationStatus, readonly ApplicationStatus[]>
> = {
  draft: ['submitted'],
  submitted: ['pending_supplement', 'review_l1', 'returned', 'rejected', 'withdrawn'],
  pending_supplement: ['submitted', 'rejected', 'withdrawn'],
  review_l1: ['review_l2', 'approved', 'returned', 'rejected', 'withdrawn'],
  review_l2: ['approved', 'returned', 'rejected', 'withdrawn'],
  returned: ['submitted', 'withdrawn'],
  approved: ['publicity'],
  publicity: ['payable', 'rejected'],
  // the payable sub-lifecycle (PAYABLE_TRANSITIONS without 退票, which applications settle as payment_failed)
  payable: ['paying', 'awaiting_account', 'on_hold', 'cancelled'],
  awaiting_account: ['payable', 'on_hold', 'cancelled'],
  paying: ['paid', 'payment_failed'],
  payment_failed: ['paying', 'awaiting_account', 'on_hold', 'cancelled'],
  on_hold: ['payable', 'awaiting_account', 'cancelled'],
  paid: [],
  rejected: [],
  withdrawn: [],
  cancelled: [],
};

/** Statuses of the payment part (the payable sub-lifecycle); `returned` is not one of them here. */
export const APPLICATION_PAYMENT_STATUSES = [
  'payable',
  'awaiting_account',
  'paying',
  'paid',
  'payment_failed',
  'on_hold',
  'cancelled',
] as const satisfies readonly (ApplicationStatus & PayableStatus)[];

/** A required material of the policy version; `optional` means 容缺 may accept it missing (DESIGN §3). */
export type MaterialRequirement = {
  readonly code: string;
  readonly name: string;
  readonly optional: boolean;
};
/**
 * A material as stored with the application: which requirement, the storage key of its file
 * and, once storage has confirmed it (issue 14), the size and SHA-256 it holds and its type.
 */
export type MaterialRef = {
  readonly code: string;
  readonly uploadKey: string;
  readonly sizeBytes?: number;
  readonly sha256?: string;
  readonly contentType?: string;
};

/** Policy data an application is judged by, copied from the policy version when drafted. */
export type ApplicationTerms = {
  readonly capFen: Fen;
  readonly reviewLevels: ReviewLevel;
  readonly publicityDays: number;
  /** 容缺 period in natural days after submission. */
  readonly supplementDays: number;
  readonly materials: readonly MaterialRequirement[];
};

/** Objections are items of their own (functions/repositories/objections.ts); the application counts them. */
export type Application = ObjectionCounters & {
  readonly id: ApplicationId;
  readonly policyId: PolicyId;
  readonly policyVersion: number;
  readonly subjectId: SubjectId;
  readonly department: DepartmentCode;
  readonly terms: ApplicationTerms;
  readonly status: ApplicationStatus;
  readonly version: number;
  readonly materials: readonly MaterialRef[];
  readonly requestedFen?: Fen;
  /**
   * The rules' amount on the subject's facts frozen at submission (uncapped), and the
   * entitlement min(computed, cap): no amount requested or approved may exceed it. Absent
   * only on applications made before entitlements existed, which are bounded by the cap.
   */
  readonly computedFen?: Fen;
  readonly entitlementFen?: Fen;
  /** The benefit period whose entitlement claim this application holds (shared/entitlement.ts). */
  readonly claimPeriod?: string;
  /**
   * The facts the rules judged at submission, by reference and hash (shared/facts/frozen.ts):
   * every later explanation is computed from them. Absent on applications made before issue 14.
   */
  readonly frozenFacts?: FrozenFacts;
  readonly createdAt: Instant;
  readonly submittedAt?: Instant;
  readonly supplementDueAt?: Instant;
  readonly returnNote?: string;
  /** Level-1 amount when a second level still has to approve. */
  readonly recommendedFen?: Fen;
  /** Who made the level-1 decision that sent it to level 2: the level-2 decider must be someone else (four eyes). */
  readonly l1DecidedBy?: UserId;
  readonly approvedFen?: Fen;
  readonly decidedAt?: Instant;
  readonly rejectionReason?: string;
  readonly publicityEndsAt?: Instant;
  readonly paymentAttempt: number;
  /** see PayablePart.attemptFloor */
  readonly attemptFloor?: number;
  readonly paymentId?: PaymentId;
  readonly paymentFailure?: string;
  readonly paidAt?: Instant;
  /**
   * The receiving account the applicant gave or confirmed (validated by shared/payee against
   * the subject's registered name). Shown and logged masked only. Older applications have
   * none and are paid to the subject's account on file.
   */
  readonly payee?: Payee;
  readonly holdReason?: string;
  readonly cancelReason?: string;
};

export type Decision =
  /** `reason` is required when the amount is below the standard amount (`standardApprovalFen`). */
  | { readonly kind: 'approve'; readonly amountFen: Fen; readonly reason?: string }
  | { readonly kind: 'reject'; readonly reason: string }
  | { readonly kind: 'return'; readonly note: string };

type Base = EventBase & { readonly applicationId: ApplicationId };
type Change = Base & StatusChange<ApplicationStatus>;
export type ApplicationEvent =
  | (Change & {
      readonly type: 'ApplicationDrafted';
      readonly policyId: PolicyId;
      readonly subjectId: SubjectId;
    })
  | (Change & { readonly type: 'ApplicationSubmitted' })
  | (Change & {
      readonly type: 'SupplementRequested';
      readonly missing: readonly string[];
      readonly dueAt: Instant;
    })
  | (Change & { readonly type: 'ApplicationSupplemented'; readonly codes: readonly string[] })
  | (Change & { readonly type: 'ApplicationWithdrawn'; readonly reason?: string })
  | (Change & { readonly type: 'ReviewStarted' })
  | (Change & {
      readonly type: 'ApplicationDecided';
      readonly level: ReviewLevel;
      readonly decision: Decision;
    })
  | (Change & { readonly type: 'SupplementLapsed' })
  | (Change & { readonly type: 'PublicityStarted'; readonly endsAt: Instant })
  | (Base & {
      readonly type: 'PayeeProvided';
      readonly source: AccountSource;
      readonly accountMasked: string;
      readonly bankName: string;
    })
  | (Base & { readonly type: 'ObjectionRaised'; readonly objectionId: ObjectionId })
  | (Base & {
      readonly type: 'ObjectionResolved';
      readonly objectionId: ObjectionId;
      readonly upheld: boolean;
    })
  | (Change & { readonly type: 'ApplicationRejected'; readonly reason: string })
  | (Change & { readonly type: 'PublicityClosed' })
  // the payment part: the payable sub-lifecycle's events, its cancel named ApplicationCancelled
  | (Base & Exclude<PayableEventBody<ApplicationStatus>, { type: 'PayableCancelled' }>)
  | (Change & { readonly type: 'ApplicationCancelled'; readonly reason: string });

export type ApplicationEventType = ApplicationEvent['type'];
type AppTransition = Transition<Application, ApplicationEvent>;

// Events are built without `by/at/version/applicationId`; `emit` adds them.
type Draft = ApplicationEvent extends infer E
  ? E extends ApplicationEvent
    ? Omit<E, keyof Base>
    : never
  : never;

function emit(
  app: Application,
  by: Actor,
  now: Instant,
  patch: Partial<Application>,
  drafts: Draft[],
): AppTransition {
  const next: Application = { ...app, ...patch, version: app.version + 1 };
  const base = { applicationId: app.id, by: actorRef(by), at: now, version: next.version };
  return { next, events: drafts.map((d) => ({ ...d, ...base })) };
}

function requireStatus(
  app: Application,
  allowed: readonly ApplicationStatus[],
  action: string,
): void {
  if (!allowed.includes(app.status))
    throw wrongState(APPLICATION_STATUS_LABELS[app.status], action);
}

// ---- applicant: draft, submit, supplement, withdraw -----------------------

export type DraftInput = {
  readonly id: ApplicationId;
  readonly policyId: PolicyId;
  readonly policyVersion: number;
  readonly subjectId: SubjectId;
  readonly department: DepartmentCode;
  readonly terms: ApplicationTerms;
  readonly materials?: readonly MaterialRef[];
  readonly requestedFen?: Fen;
  /** The rules' amount on the facts of the day (uncapped); with it, the entitlement is min(computed, cap). */
  readonly computedFen?: Fen;
  readonly claimPeriod?: string;
  /** The receiving account as the applicant chose it; resolved and validated here (shared/payee). */
  readonly account?: AccountCommand;
};

/**
 * The applicant's account choice, with what checking it needs: the subject's kind and
 * registered name, and the account on file (for `profile`), loaded by the caller.
 */
export type AccountCommand = {
  readonly choice: AccountChoice;
  readonly subject: PayeeSubject;
  readonly onFile?: Payee;
  /** the application is in an open or approved 支付批次 (read by the caller): its account is fixed */
  readonly inBatch?: boolean;
};

/** Creates the draft (version 1). The id is minted by the caller's injected `NewId`. */
/** Only the materials the policy version lists may be given (reason UNKNOWN_MATERIAL). */
export function requireKnownMaterials(
  terms: Pick<ApplicationTerms, 'materials'>,
  given: readonly Pick<MaterialRef, 'code'>[],
): void {
  const known = new Set(terms.materials.map((m) => m.code));
  const unknown = given.filter((m) => !known.has(m.code)).map((m) => m.code);
  if (unknown.length > 0)
    throw invalidInput('该政策不需要这些材料', { reason: 'UNKNOWN_MATERIAL', unknown });
}

export function draftApplication(input: DraftInput, by: Actor, now: Instant): AppTransition {
  requireOwner(by, input.subjectId);
  requireKnownMaterials(input.terms, input.materials ?? []);
  const entitlement =
    input.computedFen === undefined
      ? {}
      : {
          computedFen: fen(input.computedFen),
          entitlementFen: entitlementOf(input.computedFen, input.terms.capFen),
        };
  const { account, ...fields } = input;
  const seed: Application = {
    ...fields,
    ...entitlement,
    materials: input.materials ?? [],
    status: 'draft',
    version: 0,
    createdAt: now,
    ...NO_OBJECTIONS,
    paymentAttempt: 0,
  };
  if (seed.requestedFen !== undefined) requireWithinEntitlement(seed, seed.requestedFen);
  const drafted: Draft = {
    type: 'ApplicationDrafted',
    from: null,
    to: 'draft',
    policyId: input.policyId,
    subjectId: input.subjectId,
  };
  if (account === undefined) return emit(seed, by, now, {}, [drafted]);
  const { payee, source } = resolvePayee(account.choice, account);
  return emit(seed, by, now, { payee }, [drafted, payeeProvided(payee, source)]);
}

// ---- the receiving account ------------------------------------------------------

/** The audit line of an account: masked, never the number. */
const payeeProvided = (payee: Payee, source: AccountSource): Draft => ({
  type: 'PayeeProvided',
  source,
  ...maskPayee(payee),
});

/**
 * Where the applicant may still give or correct the account: any open status before the
 * money moves (not while paying, not once paid, not after the end). After a failed payment
 * the corrected account is used by the retry.
 */
export const ACCOUNT_EDITABLE_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'pending_supplement',
  'review_l1',
  'review_l2',
  'returned',
  'approved',
  'publicity',
  'awaiting_account',
  'payable',
  'payment_failed',
  'on_hold',
];

/**
 * The owner gives or corrects the receiving account (POST /v1/applications/{id}/account):
 * who and when first, then the account by shared/payee (`profile` with none on file →
 * ACCOUNT_REQUIRED; a new one must carry the registered name and a valid number).
 */
export function provideAccount(
  app: Application,
  cmd: AccountCommand,
  by: Actor,
  now: Instant,
): AppTransition {
  requireOwner(by, app.subjectId);
  // once the money moves (paying, paid, or taken into a 支付批次) the account is fixed
  if (app.status === 'paying' || app.status === 'paid' || cmd.inBatch === true)
    throw payable.accountLocked(app.status);
  requireStatus(app, ACCOUNT_EDITABLE_STATUSES, '提供收款账户');
  const { payee, source } = resolvePayee(cmd.choice, cmd);
  const given = payeeProvided(payee, source);
  if (!isPaymentStatus(app.status)) return emit(app, by, now, { payee }, [given]);
  // In the payable tail the sub-lifecycle decides: awaiting_account → payable, or a fresh
  // retry budget after a failure. Its PayeeUpdated would repeat our masked PayeeProvided.
  const step = payable.provideAccount(payablePartOf(app), { payee });
  return emitPayable(
    app,
    by,
    now,
    { ...step, drafts: step.drafts.filter((d) => d.type !== 'PayeeUpdated') },
    [given],
  );
}

export type SubmitCommand = {
  readonly materials?: readonly MaterialRef[];
  readonly requestedFen?: Fen;
};

/**
 * draft → submitted. Required materials must all be there; optional ones
 * missing put the application straight into 容缺 (pending_supplement) with a
 * deadline (003 保市场主体 §四(二)4 "容缺受理").
 */
export function submit(
  app: Application,
  cmd: SubmitCommand,
  by: Actor,
  now: Instant,
): AppTransition {
  requireOwner(by, app.subjectId);
  requireStatus(app, ['draft'], '提交');
  const requestedFen = cmd.requestedFen ?? app.requestedFen;
  if (requestedFen !== undefined) requireWithinEntitlement(app, requestedFen);
  const materials = mergeMaterials(app.materials, cmd.materials ?? []);
  return enterSubmitted(
    app,
    by,
    now,
    { materials, requestedFen, submittedAt: now },
    'ApplicationSubmitted',
    [],
  );
}

/** pending_supplement | returned → submitted, with the missing or corrected materials. */
export function supplement(
  app: Application,
  cmd: { readonly materials: readonly MaterialRef[] },
  by: Actor,
  now: Instant,
): AppTransition {
  requireOwner(by, app.subjectId);
  requireKnownMaterials(app.terms, cmd.materials);
  requireStatus(app, ['pending_supplement', 'returned'], '补正材料');
  const materials = mergeMaterials(app.materials, cmd.materials);
  if (app.status === 'pending_supplement') {
    const stillMissing = missingMaterials(app.terms, materials, true);
    if (stillMissing.length > 0)
      throw invalidInput('仍有容缺材料未补齐', { missing: stillMissing });
  }
  const codes = cmd.materials.map((m) => m.code);
  return enterSubmitted(
    app,
    by,
    now,
    { materials, supplementDueAt: undefined, returnNote: undefined },
    'ApplicationSupplemented',
    codes,
  );
}

function enterSubmitted(
  app: Application,
  by: Actor,
  now: Instant,
  patch: Partial<Application>,
  type: 'ApplicationSubmitted' | 'ApplicationSupplemented',
  codes: readonly string[],
): AppTransition {
  const materials = patch.materials ?? app.materials;
  const required = missingMaterials(app.terms, materials, false);
  if (required.length > 0) throw invalidInput('缺少必需材料', { missing: required });
  const first: Draft =
    type === 'ApplicationSubmitted'
      ? { type, from: app.status, to: 'submitted' }
      : { type, from: app.status, to: 'submitted', codes };
  const optional = missingMaterials(app.terms, materials, true);
  if (optional.length === 0) return emit(app, by, now, { ...patch, status: 'submitted' }, [first]);
  const dueAt = addNaturalDaysAt(now, app.terms.supplementDays);
  return emit(app, by, now, { ...patch, status: 'pending_supplement', supplementDueAt: dueAt }, [
    first,
    {
      type: 'SupplementRequested',
      from: 'submitted',
      to: 'pending_supplement',
      missing: optional,
      dueAt,
    },
  ]);
}

/** Codes of required materials not provided; `optional` selects the 容缺 ones instead. */
export function missingMaterials(
  terms: ApplicationTerms,
  materials: readonly MaterialRef[],
  optional: boolean,
): string[] {
  const have = new Set(materials.map((m) => m.code));
  return terms.materials
    .filter((r) => r.optional === optional && !have.has(r.code))
    .map((r) => r.code);
}

function mergeMaterials(
  current: readonly MaterialRef[],
  added: readonly MaterialRef[],
): MaterialRef[] {
  const byCode = new Map(current.map((m) => [m.code, m]));
  for (const m of added) byCode.set(m.code, m);
  return [...byCode.values()];
}

const BEFORE_DECISION: readonly ApplicationStatus[] = [
  'submitted',
  'pending_supplement',
  'review_l1',
  'review_l2',
  'returned',
];

/** Applicant withdraws before a decision (DESIGN §4). */
export function withdraw(
  app: Application,
  cmd: { readonly reason?: string },
  by: Actor,
  now: Instant,
): AppTransition {
  requireOwner(by, app.subjectId);
  requireStatus(app, BEFORE_DECISION, '撤回');
  const reason = cmd.reason?.trim() || undefined;
  return emit(app, by, now, { status: 'withdrawn' }, [
    { type: 'ApplicationWithdrawn', from: app.status, to: 'withdrawn', reason },
  ]);
}

// ---- reviewer: start review, decide -----------------------------------------

/** submitted → review_l1: a level-1 reviewer of the department takes the item. */
export function startReview(app: Application, by: Actor, now: Instant): AppTransition {
  requireReviewer(by, app.department, 1);
  requireStatus(app, ['submitted'], '开始审核');
  return emit(app, by, now, { status: 'review_l1' }, [
    { type: 'ReviewStarted', from: 'submitted', to: 'review_l1' },
  ]);
}

const overCap = (capFen: Fen) => new DomainError('OVER_CAP', '金额超过政策上限', { capFen });

/** The most that may be requested or approved: the entitlement (the cap, for applications made before it existed). */
export function approvalLimitFen(app: Pick<Application, 'entitlementFen' | 'terms'>): Fen {
  return app.entitlementFen ?? app.terms.capFen;
}

/**
 * The amount approved without a reason, and the one batch approval pays: level 1's
 * recommendation at level 2, else the amount applied for (which defaults to the
 * entitlement) — never above the entitlement, never the bare cap.
 */
export function standardApprovalFen(app: Application): Fen {
  const limit = approvalLimitFen(app);
  if (app.status === 'review_l2' && app.recommendedFen !== undefined)
    return minFen(app.recommendedFen, limit);
  return app.requestedFen !== undefined ? minFen(app.requestedFen, limit) : limit;
}

/** The review level an application waits for: review_l2 needs level 2, everything before it level 1. */
export const reviewLevelOf = (app: Pick<Application, 'status'>): ReviewLevel =>
  app.status === 'review_l2' ? 2 : 1;

/** Whether the application waits for this reviewer's level (the queue's `canDecide`). */
export const awaitsLevelOf = (app: Pick<Application, 'status'>, by: ReviewerActor): boolean =>
  reviewLevelOf(app) === by.level;

/**
 * Batch approval of one application: approved at its standard amount (`standardApprovalFen`),
 * as one decision, with the amount it approved.
 */
export function approveAtStandard(
  app: Application,
  by: Actor,
  now: Instant,
): { readonly transition: AppTransition; readonly amountFen: Fen } {
  const amountFen = standardApprovalFen(app);
  return { transition: decide(app, { kind: 'approve', amountFen }, by, now), amountFen };
}

/** 422 OVER_CAP: above the cap, or (reason OVER_ENTITLEMENT) above what the rules computed. */
function requireWithinEntitlement(
  app: Pick<Application, 'entitlementFen' | 'computedFen' | 'terms'>,
  amountFen: Fen,
): void {
  if (amountFen > app.terms.capFen && app.entitlementFen === undefined)
    throw overCap(app.terms.capFen);
  const limitFen = approvalLimitFen(app);
  if (amountFen <= limitFen) return;
  throw new DomainError('OVER_CAP', `金额超过按政策规则核定的应享金额（${formatFen(limitFen)}）`, {
    reason: 'OVER_ENTITLEMENT',
    computedFen: app.computedFen,
    capFen: app.terms.capFen,
    limitFen,
  });
}

/**
 * Approve (amount ≤ the rule's cap), reject (reason required) or return
 * (what to fix). From `submitted` a level-1 decision first takes the item
 * into review_l1, so the audit trail shows both steps.
 */
export function decide(
  app: Application,
  decision: Decision,
  by: Actor,
  now: Instant,
): AppTransition {
  requireStatus(app, ['submitted', 'review_l1', 'review_l2'], '审核');
  const level = reviewLevelOf(app);
  requireReviewer(by, app.department, level);
  requireFourEyes(app, by, level);
  const checked = checkDecision(app, decision);
  const prefix: Draft[] =
    app.status === 'submitted'
      ? [{ type: 'ReviewStarted', from: 'submitted', to: 'review_l1' }]
      : [];
  const from: ApplicationStatus = app.status === 'review_l2' ? 'review_l2' : 'review_l1';
  const decided = (to: ApplicationStatus): Draft => ({
    type: 'ApplicationDecided',
    from,
    to,
    level,
    decision: checked,
  });
  switch (checked.kind) {
    case 'approve':
      if (level === 1 && app.terms.reviewLevels === 2) {
        return emit(
          app,
          by,
          now,
          { status: 'review_l2', recommendedFen: checked.amountFen, l1DecidedBy: by.userId },
          [...prefix, decided('review_l2')],
        );
      }
      return approveFinally(app, checked.amountFen, by, now, [...prefix, decided('approved')]);
    case 'reject':
      return emit(
        app,
        by,
        now,
        { status: 'rejected', rejectionReason: checked.reason, decidedAt: now },
        [...prefix, decided('rejected')],
      );
    case 'return':
      return emit(app, by, now, { status: 'returned', returnNote: checked.note }, [
        ...prefix,
        decided('returned'),
      ]);
    default:
      return assertNever(checked);
  }
}

/** Four eyes (issue #10): the level-2 decider is never the one who decided level 1. */
function requireFourEyes(app: Application, by: ReviewerActor, level: ReviewLevel): void {
  if (level === 2 && app.l1DecidedBy !== undefined && app.l1DecidedBy === by.userId) {
    throw forbidden('同一人不能既做一级审核又做二级审核', { reason: 'FOUR_EYES' });
  }
}

function checkDecision(app: Application, d: Decision): Decision {
  switch (d.kind) {
    case 'approve': {
      const amountFen = fen(d.amountFen);
      if (amountFen <= 0) throw invalidInput('核定金额必须大于零');
      // Re-checked at every level against the entitlement frozen at submission.
      requireWithinEntitlement(app, amountFen);
      const reason = d.reason?.trim() || undefined;
      // Any amount other than the standard one (lowered, or raised back above level 1's
      // reasoned cut) needs a reason the timeline shows (legacy items: none asked).
      if (
        app.entitlementFen !== undefined &&
        amountFen !== standardApprovalFen(app) &&
        reason === undefined
      ) {
        throw new DomainError(
          'INVALID_INPUT',
          amountFen < standardApprovalFen(app)
            ? '核定金额低于应享金额，请填写核减理由'
            : '核定金额与一级审核建议或申请金额不同，请填写理由',
          {
            reason: 'REASON_REQUIRED',
            field: '核减理由',
            standardFen: standardApprovalFen(app),
          },
        );
      }
      return reason === undefined
        ? { kind: 'approve', amountFen }
        : { kind: 'approve', amountFen, reason: requireText(reason, '核减理由') };
    }
    case 'reject':
      return { kind: 'reject', reason: requireText(d.reason, '不通过理由') };
    case 'return':
      return { kind: 'return', note: requireText(d.note, '退回补正说明') };
    default:
      return assertNever(d);
  }
}

/** approved → publicity in one step: 公示 starts when the decision is final (001: "正在公示"). */
function approveFinally(
  app: Application,
  amountFen: Fen,
  by: Actor,
  now: Instant,
  drafts: Draft[],
): AppTransition {
  const endsAt = addNaturalDaysAt(now, app.terms.publicityDays);
  return emit(
    app,
    by,
    now,
    { status: 'publicity', approvedFen: amountFen, decidedAt: now, publicityEndsAt: endsAt },
    [...drafts, { type: 'PublicityStarted', from: 'approved', to: 'publicity', endsAt }],
  );
}

// ---- system: 容缺 expiry ------------------------------------------------------

export const SUPPLEMENT_LAPSED_REASON = '容缺材料逾期未补正';

/** pending_supplement → rejected once the deadline has passed (daily 容缺 expiry job, DESIGN §7). */
export function expireSupplement(app: Application, by: Actor, now: Instant): AppTransition {
  requireSystem(by);
  requireStatus(app, ['pending_supplement'], '容缺到期');
  if (app.supplementDueAt === undefined || compareInstants(now, app.supplementDueAt) < 0) {
    throw new DomainError('WRONG_STATE', '补正期限未到', { dueAt: app.supplementDueAt });
  }
  return emit(
    app,
    by,
    now,
    { status: 'rejected', rejectionReason: SUPPLEMENT_LAPSED_REASON, decidedAt: now },
    [{ type: 'SupplementLapsed', from: 'pending_supplement', to: 'rejected' }],
  );
}

// ---- 公示 ------------------------------------------------------------------------

/**
 * Any applicant may object while 公示 runs (DESIGN §2); it is recorded, not decided, here.
 * The objection is returned to be stored as its own item; the application only counts it.
 */
export function raiseObjection(
  app: Application,
  cmd: NewObjection,
  by: Actor,
  now: Instant,
): AppTransition & { readonly objection: Objection } {
  requireApplicant(by);
  requireStatus(app, ['publicity'], '提出异议');
  if (app.publicityEndsAt !== undefined && compareInstants(now, app.publicityEndsAt) >= 0) {
    throw new DomainError('WRONG_STATE', '公示期已结束', { endsAt: app.publicityEndsAt });
  }
  const { objection, counters } = newObjection(app.id, app, cmd, by, now);
  const t = emit(app, by, now, counters, [
    { type: 'ObjectionRaised', objectionId: cmd.objectionId },
  ]);
  return { ...t, objection };
}

/**
 * A member of the public objects from the 公示 page (issue 14): as a signed-in objection, but
 * recorded by the public channel (the event's actor) with the objector's masked phone.
 */
export function raisePublicObjection(
  app: Application,
  cmd: NewObjection,
  objector: PublicObjector,
  now: Instant,
): AppTransition & { readonly objection: Objection } {
  requireStatus(app, ['publicity'], '提出异议');
  if (app.publicityEndsAt !== undefined && compareInstants(now, app.publicityEndsAt) >= 0) {
    throw new DomainError('WRONG_STATE', '公示期已结束', {
      reason: 'PUBLICITY_OVER',
      endsAt: app.publicityEndsAt,
    });
  }
  const { objection, counters } = newPublicObjection(app.id, app, cmd, objector, now);
  const t = emit(app, PUBLIC_OBJECTION_CHANNEL, now, counters, [
    { type: 'ObjectionRaised', objectionId: cmd.objectionId },
  ]);
  return { ...t, objection };
}

/**
 * The final-level reviewer of the department rules on an objection (never their own);
 * upheld ends the application. Returns the ruled objection to be stored with the application.
 */
export function resolveObjection(
  app: Application,
  objection: Objection | undefined,
  cmd: ObjectionRuling,
  by: Actor,
  now: Instant,
): AppTransition & { readonly objection: Objection } {
  requireReviewer(by, app.department, app.terms.reviewLevels);
  requireStatus(app, ['publicity'], '处理异议');
  const ruled = ruleOnObjection(app.id, app, objection, cmd, by.userId, now);
  const resolved: Draft = {
    type: 'ObjectionResolved',
    objectionId: cmd.objectionId,
    upheld: cmd.upheld,
  };
  if (!cmd.upheld)
    return { ...emit(app, by, now, ruled.counters, [resolved]), objection: ruled.objection };
  const t = emit(
    app,
    by,
    now,
    { ...ruled.counters, status: 'rejected', rejectionReason: ruled.note },
    [
      resolved,
      { type: 'ApplicationRejected', from: 'publicity', to: 'rejected', reason: ruled.note },
    ],
  );
  return { ...t, objection: ruled.objection };
}

/**
 * publicity → payable after the period, with every objection ruled on (hourly job, DESIGN §7).
 * When the caller found no receiving account (none on the application, none on file:
 * `accountOnFile` false) the item is parked as awaiting_account in the same step, so it
 * never enters the due index, and the applicant is asked for one.
 */
export function closePublicity(
  app: Application,
  by: Actor,
  now: Instant,
  accountOnFile = true,
): AppTransition {
  requireSystem(by);
  requireStatus(app, ['publicity'], '结束公示');
  requirePublicityOver(app.publicityEndsAt, app, now);
  const closed: Draft = { type: 'PublicityClosed', from: 'publicity', to: 'payable' };
  if (accountOnFile || app.payee !== undefined)
    return emit(app, by, now, { status: 'payable' }, [closed]);
  return emit(app, by, now, { status: 'awaiting_account' }, [
    closed,
    { type: 'AccountRequested', from: 'payable', to: 'awaiting_account' },
  ]);
}

// ---- payment: delegated to the payable sub-lifecycle ------------------------------

const noApprovedAmount = () =>
  new DomainError('WRONG_STATE', '没有核定金额', { reason: 'NO_APPROVED_AMOUNT' });

/** What closing 公示 reserves: the approved amount, above zero (reason NO_APPROVED_AMOUNT otherwise). */
export function approvedAmountOf(app: Pick<Application, 'approvedFen'>): Fen {
  if (app.approvedFen === undefined || app.approvedFen <= 0) throw noApprovedAmount();
  return app.approvedFen;
}

function payableAmount(app: Application): Fen {
  if (app.approvedFen === undefined) throw noApprovedAmount();
  return app.approvedFen;
}

const isPaymentStatus = (
  s: ApplicationStatus,
): s is (typeof APPLICATION_PAYMENT_STATUSES)[number] =>
  (APPLICATION_PAYMENT_STATUSES as readonly string[]).includes(s);

/** The money part of the application; `payeeOnFile` stands in when the application has no account of its own. */
export function payablePartOf(app: Application, payeeOnFile?: Payee): PayablePart {
  if (!isPaymentStatus(app.status)) throw wrongState(APPLICATION_STATUS_LABELS[app.status], '拨付');
  return {
    status: app.status,
    amountFen: payableAmount(app),
    payee: app.payee ?? payeeOnFile,
    paymentAttempt: app.paymentAttempt,
    attemptFloor: app.attemptFloor,
    paymentId: app.paymentId,
    paymentFailure: app.paymentFailure,
    paidAt: app.paidAt,
    holdReason: app.holdReason,
    cancelReason: app.cancelReason,
  };
}

/** Applies a payable step: its patch (a payee only when the step sets one) and its events, the cancel named ApplicationCancelled. */
function emitPayable(
  app: Application,
  by: Actor,
  now: Instant,
  step: PayableStep,
  before: readonly Draft[] = [],
): AppTransition {
  const { payee, ...rest } = step.patch;
  const patch: Partial<Application> = payee === undefined ? rest : { ...rest, payee };
  const drafts = step.drafts.map((d): Draft =>
    d.type === 'PayableCancelled' ? { ...d, type: 'ApplicationCancelled' } : (d as Draft),
  );
  return emit(app, by, now, patch, [...before, ...drafts]);
}

/**
 * payable → paying, or payment_failed → paying (retry). Each attempt gets a new PaymentId
 * from the caller; the payment's idempotency key is `paymentIdempotencyKey(applicationId,
 * attempt)` (DESIGN §5). `payee` is the subject's account on file, used when the application
 * carries none; without either the start is refused (NO_PAYEE: park it instead).
 */
export function disburse(
  app: Application,
  cmd: { readonly paymentId: PaymentId; readonly payee?: Payee },
  by: Actor,
  now: Instant,
): AppTransition {
  return emitPayable(app, by, now, payable.startPayment(payablePartOf(app, cmd.payee), cmd, by));
}

export type SettlementOutcome =
  | { readonly kind: 'paid'; readonly paymentId: PaymentId }
  | { readonly kind: 'failed'; readonly paymentId: PaymentId; readonly reason: string };

/**
 * paying → paid | payment_failed (| on_hold once the retry budget is spent), from the
 * treasury answer or reconciliation. An answer for an older attempt, or a second answer
 * once settled, is refused: the repository treats that refusal as "already handled".
 */
export function settle(
  app: Application,
  outcome: SettlementOutcome,
  by: Actor,
  now: Instant,
): AppTransition {
  return emitPayable(app, by, now, payable.settlePayment(payablePartOf(app), outcome, by, now));
}

/** No receiving account anywhere: payable | payment_failed → awaiting_account; the applicant is asked (outbox). */
export function parkForAccount(app: Application, by: Actor, now: Instant): AppTransition {
  return emitPayable(app, by, now, payable.parkForAccount(payablePartOf(app), by));
}

/** Operator: correct the account (reason required) and retry at once; releases a hold. */
export function correctAccount(
  app: Application,
  cmd: { readonly payee: Payee; readonly reason: string },
  by: Actor,
  now: Instant,
): AppTransition {
  return emitPayable(app, by, now, payable.correctAccount(payablePartOf(app), cmd, by));
}

/** Operator (or the system): stop paying, with a reason. */
export function hold(
  app: Application,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): AppTransition {
  return emitPayable(app, by, now, payable.hold(payablePartOf(app), cmd, by));
}

/** Operator: on_hold → payable (awaiting_account without an account), with a reason. */
export function release(
  app: Application,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
  payeeOnFile?: Payee,
): AppTransition {
  return emitPayable(app, by, now, payable.release(payablePartOf(app, payeeOnFile), cmd, by));
}

/** Operator: cancel for good, with a reason; the repository releases the reserved budget (and the claim). */
export function cancel(
  app: Application,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): AppTransition {
  return emitPayable(app, by, now, payable.cancel(payablePartOf(app), cmd, by));
}
